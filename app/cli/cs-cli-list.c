/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-list.c: consign list [--search TEXT] [--status STATUS] [--json] */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-cli-private.h"

#define MAX_REFERENCE 24
#define MAX_CONSIGNEE 36
#define MAX_CORRIDOR  20

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* The drafts as a JSON array of objects with the summary's fields (updated as UTC ISO 8601;
 * updated_by null when unknown), in UTF-8 whatever the locale. */
static void
print_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreSummary *s = rows->pdata[i];
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (s->updated);
      g_autofree char *updated = when ? g_date_time_format_iso8601 (when) : NULL;

      json_builder_begin_object (b);
      add_string (b, "id", s->id);
      add_string (b, "reference", s->reference);
      add_string (b, "status", s->status);
      add_string (b, "consignee", s->consignee);
      add_string (b, "corridor", s->corridor);
      add_int (b, "items", s->n_items);
      add_int (b, "revision", s->revision);
      add_string (b, "updated", updated);
      add_string (b, "updated_by", s->updated_by);
      add_int (b, "errors", s->n_errors);
      add_int (b, "warnings", s->n_warnings);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _cs_cli_print_json (b);
}

int
cs_cli_list (int         argc,
             char      **argv,
             const char *db_path)
{
  g_autofree char *search = NULL;
  g_autofree char *status_filter = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only drafts whose reference, party name, VIN, container number or goods description "
         "contains TEXT, or with the seal or serial number TEXT"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_filter,
      N_("Only drafts with this status (draft, ready, exported, archived)"), N_("STATUS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the drafts as a JSON array, with the revision and who saved it (null: unknown); "
         "errors and warnings are -1 when never validated"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *headers[] = { N_("REFERENCE"), N_("STATUS"), N_("CONSIGNEE"), N_("CORRIDOR"),
                            N_("ITEMS"), N_("UPDATED") };
  guint w[6];
  int status = CS_CLI_OK;
  CsStatus wanted;

  context = _cs_cli_context ("list", NULL, N_("List the drafts in the store, most recently "
                                              "saved first."), entries);
  if (!_cs_cli_parse (context, "list", &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _cs_cli_usage ("list", _("unexpected argument “%s”"), argv[1]);
  wanted = status_filter != NULL ? cs_enum_from_string (CS_TYPE_STATUS, status_filter) : CS_STATUS_UNSET;
  if (status_filter != NULL && wanted == CS_STATUS_UNSET)
    return _cs_cli_usage ("list", _("unknown status “%s” (expected draft, ready, exported or "
                                    "archived)"), status_filter);

  if ((store = _cs_cli_open_store ("list", db_path, &status)) == NULL)
    return status;
  if ((rows = cs_store_list_by_status (store, search, wanted, &error)) == NULL)
    {
      _cs_cli_error ("list", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (json)
    {
      print_json (rows);
      return CS_CLI_OK;
    }
  if (rows->len == 0)
    {
      if (search != NULL || status_filter != NULL)
        g_print (_("No drafts match.\n"));
      else
        {
          g_autofree char *text = g_strdup_printf (_("No drafts in %s.\n"), db_path);
          _cs_cli_print (text);
        }
      return CS_CLI_OK;
    }

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    w[c] = _cs_cli_width (_(headers[c]));
  w[5] = MAX (w[5], 16);
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreSummary *s = rows->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", s->n_items);

      w[0] = MAX (w[0], MIN (_cs_cli_width (s->reference), MAX_REFERENCE));
      w[1] = MAX (w[1], _cs_cli_width (s->status ? cs_status_label (s->status) : ""));
      w[2] = MAX (w[2], MIN (_cs_cli_width (s->consignee), MAX_CONSIGNEE));
      w[3] = MAX (w[3], MIN (_cs_cli_width (s->corridor), MAX_CORRIDOR));
      w[4] = MAX (w[4], _cs_cli_width (n));
    }

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      if (c == 4)
        {
          for (guint k = _cs_cli_width (_(headers[c])); k < w[c]; k++)
            g_string_append_c (out, ' ');
          g_string_append (out, _(headers[c]));
        }
      else if (c + 1 < G_N_ELEMENTS (headers))
        _cs_cli_pad (out, _(headers[c]), w[c]);
      else
        g_string_append (out, _(headers[c]));
      g_string_append (out, c + 1 < G_N_ELEMENTS (headers) ? "  " : "\n");
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreSummary *s = rows->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", s->n_items);
      g_autofree char *updated = _cs_cli_format_time (s->updated);

      _cs_cli_pad (out, s->reference ? s->reference : s->id, w[0]);
      g_string_append (out, "  ");
      _cs_cli_pad (out, (s->status ? cs_status_label (s->status) : ""), w[1]);
      g_string_append (out, "  ");
      _cs_cli_pad (out, s->consignee, w[2]);
      g_string_append (out, "  ");
      _cs_cli_pad (out, s->corridor, w[3]);
      g_string_append (out, "  ");
      for (guint k = _cs_cli_width (n); k < w[4]; k++)
        g_string_append_c (out, ' ');
      g_string_append (out, n);
      g_string_append (out, "  ");
      g_string_append (out, updated);
      g_string_append_c (out, '\n');
    }
  _cs_cli_print (out->str);
  return CS_CLI_OK;
}
