/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-directory.c: consign parties|products import|export FILE, and list [TEXT];
 * consign directory changes [--since TIME] [--json] (the directory's trail, schema 11) */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-cli-table.h"
#include "cs-directory.h"
#include "cs-export-directory.h"

typedef struct
{
  const char *command;          /* "parties" or "products" */
  gboolean    products;
} What;

static int
do_import (const What      *w,
           CsStore         *store,
           const char      *file,
           CsImportEncoding encoding)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  gboolean ok = w->products
                ? cs_directory_import_products (store, file, encoding, &n, &problems, &error)
                : cs_directory_import_parties (store, file, encoding, &n, &problems, &error);

  if (!ok)
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);
          g_autofree char *safe = _cs_cli_escape (s, FALSE);   /* cell text may hold controls */

          g_printerr ("%s\n", safe);
        }
      _cs_cli_error (w->command, "%s", error->message);
      /* a clerk's role may not change the directory: refused (1), as a store failure */
      return g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_SQL) ||
             g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED) ? _cs_cli_status_for (error)
                                                                            : CS_CLI_BAD_INPUT;
    }
  if (w->products)
    text = g_strdup_printf (ngettext ("Imported %u product from %s.\n",
                                      "Imported %u products from %s.\n", n), n, file);
  else
    text = g_strdup_printf (ngettext ("Imported %u party from %s.\n",
                                      "Imported %u parties from %s.\n", n), n, file);
  _cs_cli_print (text);
  return CS_CLI_OK;
}

static int
do_export (const What *w,
           CsStore    *store,
           const char *file)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = w->products ? cs_directory_export_products (store, file, &error)
                            : cs_directory_export_parties (store, file, &error);

  if (!ok)
    {
      _cs_cli_error (w->command, "%s", error->message);
      return CS_CLI_BAD_INPUT;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Wrote %s.\n"), file);

    _cs_cli_print (text);
  }
  return CS_CLI_OK;
}

static void
row (GString            *out,
     const char * const *cells,
     const guint        *widths,
     guint               n)
{
  for (guint c = 0; c < n; c++)
    {
      /* entries come from imported files: terminal controls are shown, never run */
      g_autofree char *safe = _cs_cli_escape (cells[c] ? cells[c] : "", FALSE);

      if (c + 1 < n)
        {
          _cs_cli_pad (out, safe, widths[c]);
          g_string_append (out, "  ");
        }
      else
        g_string_append (out, safe);
    }
  g_string_append_c (out, '\n');
}

static int
do_list (const What *w,
         CsStore    *store,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  found = w->products ? cs_directory_search_products (store, text, 0, &error)
                      : cs_directory_search_parties (store, text, 0, &error);
  if (found == NULL)
    {
      _cs_cli_error (w->command, "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (found->len == 0)
    {
      g_print ("%s\n", w->products ? _("No products match.") : _("No parties match."));
      return CS_CLI_OK;
    }
  if (w->products)
    {
      const char *headers[] = { N_("Code"), N_("HS code"), N_("Description"), N_("Chinese description") };
      const char *h[4];
      guint widths[] = { 16, 10, 40, 0 };

      for (guint i = 0; i < 4; i++)
        h[i] = _(headers[i]);
      row (out, h, widths, 4);
      for (guint i = 0; i < found->len; i++)
        {
          CsProduct *p = found->pdata[i];
          const char *cells[] = { p->code, p->item->hs_code, p->description, p->description_zh };

          row (out, cells, widths, 4);
        }
    }
  else
    {
      g_auto(GStrv) dups = cs_directory_tax_id_duplicates (store, &error);
      const char *headers[] = { N_("ID"), N_("Name"), N_("Latin name"), N_("Country"), N_("Tax ID") };
      const char *h[5];
      guint widths[] = { 5, 28, 32, 7, 0 };
      gboolean any_dup = FALSE;

      if (dups == NULL)
        {
          _cs_cli_error (w->command, "%s", error->message);
          return _cs_cli_status_for (error);
        }
      for (guint i = 0; i < 5; i++)
        h[i] = _(headers[i]);
      row (out, h, widths, 5);
      for (guint i = 0; i < found->len; i++)
        {
          CsDirectoryParty *e = found->pdata[i];
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
          g_autofree char *up = e->party->tax_id ? g_ascii_strup (e->party->tax_id, -1) : NULL;
          g_autofree char *tax = NULL;
          const char *cells[5];

          /* a tax id that more than one entry has is flagged, never merged */
          if (up != NULL && g_strv_contains ((const char * const *) dups, up))
            {
              tax = g_strdup_printf ("%s *", e->party->tax_id);
              any_dup = TRUE;
            }
          cells[0] = id;
          cells[1] = e->party->name;
          cells[2] = e->party->name_latin;
          cells[3] = e->party->country;
          cells[4] = tax ? tax : e->party->tax_id;
          row (out, cells, widths, 5);
        }
      if (any_dup)
        g_string_append_printf (out, "%s\n", _("* this tax id is on more than one entry"));
    }
  return _cs_cli_write_stdout (out->str, out->len) ? CS_CLI_OK : CS_CLI_REFUSED;
}

static int
run (const What  *w,
     int          argc,
     char       **argv,
     const char  *db_path)
{
  g_autofree char *encoding_name = NULL;
  GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The encoding of a CSV file that is not UTF-8: gb18030, latin1, windows-1252, shift-jis"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsStore) store = NULL;
  CsImportEncoding encoding = CS_IMPORT_ENCODING_UTF8;
  int status = CS_CLI_OK;
  const char *action;

  context = _cs_cli_context (w->command, N_("import|export FILE, or list [TEXT]"),
                             w->products
                             ? N_("The product catalogue: import or export it as .csv or .xlsx "
                                  "(one column per field, bilingual headers), or list and search it.")
                             : N_("The party directory: import or export it as .csv or .xlsx "
                                  "(one column per field, bilingual headers), or list and search it. "
                                  "A tax id that more than one entry has is marked."),
                             entries);
  if (!_cs_cli_parse (context, w->command, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return _cs_cli_usage (w->command, _("expected import FILE, export FILE or list [TEXT]"));
  action = argv[1];
  if (encoding_name != NULL && !cs_import_encoding_from_name (encoding_name, &encoding))
    return _cs_cli_usage (w->command, _("unknown encoding “%s” (gb18030, latin1, windows-1252, "
                                        "shift-jis or utf-8)"), encoding_name);
  if (strcmp (action, "list") == 0)
    {
      if (argc > 3)
        return _cs_cli_usage (w->command, _("expected list [TEXT]"));
    }
  else if (strcmp (action, "import") == 0 || strcmp (action, "export") == 0)
    {
      if (argc != 3)
        return _cs_cli_usage (w->command, _("expected %s FILE"), action);
    }
  else
    return _cs_cli_usage (w->command, _("unknown action “%s” (import, export or list)"), action);

  if ((store = _cs_cli_open_store (w->command, db_path, &status)) == NULL)
    return status;
  if (strcmp (action, "list") == 0)
    return do_list (w, store, argc > 2 ? argv[2] : NULL);
  if (strcmp (action, "import") == 0)
    return do_import (w, store, argv[2], encoding);
  return do_export (w, store, argv[2]);
}

int
cs_cli_parties (int         argc,
                char      **argv,
                const char *db_path)
{
  static const What w = { "parties", FALSE };

  return run (&w, argc, argv, db_path);
}

int
cs_cli_products (int         argc,
                 char      **argv,
                 const char *db_path)
{
  static const What w = { "products", TRUE };

  return run (&w, argc, argv, db_path);
}

/* ---- directory changes ------------------------------------------------------------------- */

static const char *
what_text (const char *what)
{
  if (g_strcmp0 (what, "party") == 0)
    /* TRANSLATORS: directory changes: the kind of entry changed */
    return C_("directory change", "party");
  if (g_strcmp0 (what, "product") == 0)
    /* TRANSLATORS: directory changes: the kind of entry changed */
    return C_("directory change", "product");
  return what;
}

static const char *
action_text (const char *action)
{
  if (g_strcmp0 (action, "added") == 0)
    /* TRANSLATORS: directory changes: an entry was added to the directory */
    return C_("directory change", "added");
  if (g_strcmp0 (action, "changed") == 0)
    /* TRANSLATORS: directory changes: an entry of the directory was changed */
    return C_("directory change", "changed");
  if (g_strcmp0 (action, "deleted") == 0)
    /* TRANSLATORS: directory changes: an entry was deleted from the directory */
    return C_("directory change", "deleted");
  return action;
}

/* The changes as a JSON array of objects with the row's fields (changed_at as UTC ISO 8601 to
 * the microsecond; null for what is unknown). */
static void
print_directory_changes_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreDirectoryChange *c = rows->pdata[i];
      gint64 seconds = c->changed_at_usec / G_USEC_PER_SEC, usec = c->changed_at_usec % G_USEC_PER_SEC;
      g_autoptr(GDateTime) whole = NULL;
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *at = NULL;
      const struct { const char *name; const char *value; } strings[] = {
        { "what", c->what }, { "name", c->name }, { "action", c->action },
        { "changed_by", c->changed_by },
      };

      if (usec < 0)
        {
          seconds--;
          usec += G_USEC_PER_SEC;
        }
      whole = g_date_time_new_from_unix_utc (seconds);
      when = whole ? g_date_time_add (whole, usec) : NULL;
      at = when ? g_date_time_format_iso8601 (when) : NULL;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "entry_id");
      json_builder_add_int_value (b, c->entry_id);
      for (guint k = 0; k < G_N_ELEMENTS (strings); k++)
        {
          json_builder_set_member_name (b, strings[k].name);
          if (strings[k].value != NULL)
            json_builder_add_string_value (b, strings[k].value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "changed_at");
      if (at != NULL)
        json_builder_add_string_value (b, at);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _cs_cli_print_json (b);
}

static int
print_directory_changes (CsStore  *store,
                         gint64    since,
                         gboolean  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint w_entry, w_name, w_by;

  rows = cs_store_list_directory_changes (store, since > G_MAXINT64 / G_USEC_PER_SEC ? G_MAXINT64
                                                 : since * G_USEC_PER_SEC, &error);
  if (rows == NULL)
    {
      _cs_cli_error ("directory", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (json)
    {
      print_directory_changes_json (rows);
      return CS_CLI_OK;
    }
  if (rows->len == 0)
    {
      g_print (_("No changes of the directory recorded since then.\n"));
      return CS_CLI_OK;
    }

  /* TRANSLATORS: directory changes column: the kind of entry and its id ("party 7") */
  w_entry = _cs_cli_width (_("ENTRY"));
  /* TRANSLATORS: directory changes column: the party's name or the product's code */
  w_name = _cs_cli_width (_("NAME"));
  w_by = _cs_cli_width (_("BY"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreDirectoryChange *c = rows->pdata[i];
      g_autofree char *entry = g_strdup_printf ("%s %" G_GINT64_FORMAT, what_text (c->what), c->entry_id);

      w_entry = MAX (w_entry, _cs_cli_width (entry));
      w_name = MAX (w_name, _cs_cli_width (c->name ? c->name : "-"));
      w_by = MAX (w_by, _cs_cli_width (c->changed_by ? c->changed_by : "-"));
    }
  _cs_cli_pad (out, _("TIME"), 16);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("ENTRY"), w_entry);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("NAME"), w_name);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("BY"), w_by);
  g_string_append_printf (out, "  %s\n", _("CHANGE"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreDirectoryChange *c = rows->pdata[i];
      g_autofree char *time = _cs_cli_format_time (c->changed_at_usec / G_USEC_PER_SEC);
      g_autofree char *entry = g_strdup_printf ("%s %" G_GINT64_FORMAT, what_text (c->what), c->entry_id);
      const char *action = action_text (c->action);

      _cs_cli_pad (out, time, 16);
      g_string_append (out, "  ");
      _cs_cli_pad (out, entry, w_entry);
      g_string_append (out, "  ");
      _cs_cli_pad (out, c->name ? c->name : "-", w_name);
      g_string_append (out, "  ");
      _cs_cli_pad (out, c->changed_by ? c->changed_by : "-", w_by);
      g_string_append (out, "  ");
      _cs_cli_pad (out, action, _cs_cli_width (action));
      g_string_append_c (out, '\n');
    }
  _cs_cli_print (out->str);
  return CS_CLI_OK;
}

int
cs_cli_directory (int         argc,
                  char      **argv,
                  const char *db_path)
{
  gboolean json = FALSE;
  g_autofree char *since_text = NULL;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("Only the changes since TIME (2026-12-07, 2026-12-07T14:00, local time)"), N_("TIME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print them as a JSON array (changed_by null: unknown)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CsStore) store = NULL;
  int status = CS_CLI_OK;
  gint64 since = 0;

  /* "changes" is the word to type: not translated */
  context = _cs_cli_context ("directory", "changes",
                             N_("List the changes of the party directory and the product catalogue, "
                                "newest first: when, which entry, who, and whether it was added, "
                                "changed or deleted."),
                             entries);
  if (!_cs_cli_parse (context, "directory", &argc, &argv, &status))
    return status;
  if (argc != 2 || strcmp (argv[1], "changes") != 0)
    /* TRANSLATORS: "changes" is the word to type (directory changes): keep it as it is */
    return _cs_cli_usage ("directory", _("expected changes"));
  if (since_text != NULL && (since = _cs_cli_parse_time (since_text)) < 0)
    return _cs_cli_usage ("directory", _("“%s” is not a time (expected e.g. 2026-12-07 or "
                                         "2026-12-07T14:00)"), since_text);
  if ((store = _cs_cli_open_store ("directory", db_path, &status)) == NULL)
    return status;
  return print_directory_changes (store, since, json);
}
