/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-history.c: consign history REF (the exports audit of one draft), and
 * consign history --changes [--json] REF | --since TIME (the trail of changes, schema 10)
 *
 * Each export shows who recorded it (on a PostgreSQL server the database role, on SQLite the
 * person's name; "-" for exports from before Consign kept it).
 *
 * EDIFACT exports also show what was sent (cs-edifact-history.h): the recipient, the message
 * function (original, replacement, cancellation) and the interchange reference, in three columns
 * that appear only when the draft has such an export, so other histories read as before.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-cli-private.h"
#include "cs-edifact-history.h"

/* "-" (not recorded), "0", or "3 (confirmed)": what the validator found in the manifest exported. */
static char *
errors_text (CsStoreExport *e)
{
  if (e->n_errors < 0)
    return g_strdup ("-");
  if (e->errors_confirmed)
    /* TRANSLATORS: history column: errors found, and exported anyway after confirming */
    return g_strdup_printf (_("%d (confirmed)"), e->n_errors);
  return g_strdup_printf ("%d", e->n_errors);
}

/* ---- history --changes ------------------------------------------------------------------ */

/* A status word as people read it ("-" when none). */
static const char *
status_text (const char *status)
{
  return status != NULL ? cs_status_label (status) : "-";
}

/* What the change was, in words: "saved revision 4, status draft → ready". */
static char *
change_text (CsStoreChange *c)
{
  g_autofree char *what = NULL;
  g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, c->revision);

  if (g_strcmp0 (c->kind, "created") == 0)
    /* TRANSLATORS: history --changes: a new draft, with its first revision number */
    what = g_strdup_printf (C_("draft change", "created (revision %s)"), rev);
  else if (g_strcmp0 (c->kind, "restored") == 0)
    /* TRANSLATORS: history --changes: a deleted draft saved again under its id */
    what = g_strdup_printf (C_("draft change", "restored after it was deleted (revision %s)"), rev);
  else if (g_strcmp0 (c->kind, "saved") == 0 && c->old_status != NULL && c->new_status != NULL &&
           g_strcmp0 (c->old_status, c->new_status) != 0)
    /* TRANSLATORS: history --changes: a save that also changed the status (old → new) */
    what = g_strdup_printf (C_("draft change", "saved revision %s, status %s → %s"), rev,
                            status_text (c->old_status), status_text (c->new_status));
  else if (g_strcmp0 (c->kind, "saved") == 0)
    /* TRANSLATORS: history --changes */
    what = g_strdup_printf (C_("draft change", "saved revision %s"), rev);
  else if (g_strcmp0 (c->kind, "status") == 0)
    /* TRANSLATORS: history --changes: the status alone changed (old → new) */
    what = g_strdup_printf (C_("draft change", "status %s → %s"),
                            status_text (c->old_status), status_text (c->new_status));
  else if (g_strcmp0 (c->kind, "deleted") == 0)
    /* TRANSLATORS: history --changes: the draft was deleted; its last revision and status */
    what = g_strdup_printf (C_("draft change", "deleted (revision %s, status %s)"), rev,
                            status_text (c->old_status));
  else
    what = g_strdup (c->kind);
  if (c->reconstructed)
    {
      /* TRANSLATORS: history --changes: a row the upgrade to the trail wrote from what the
       * store knew of the draft's last save; nothing before it was recorded */
      g_autofree char *text = g_strdup_printf (C_("draft change", "%s, the last change known when the "
                                                  "trail began"), what);
      return g_steal_pointer (&text);
    }
  return g_steal_pointer (&what);
}

/* The changes as a JSON array of objects with the row's fields (changed_at as UTC ISO 8601;
 * null for what is unknown or does not apply). */
static void
print_changes_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreChange *c = rows->pdata[i];
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (c->changed_at);
      g_autofree char *at = when ? g_date_time_format_iso8601 (when) : NULL;
      const struct { const char *name; const char *value; } strings[] = {
        { "manifest_id", c->manifest_id }, { "reference", c->reference }, { "kind", c->kind },
        { "old_status", c->old_status }, { "new_status", c->new_status },
        { "changed_by", c->changed_by }, { "changed_at", at },
      };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      for (guint k = 0; k < G_N_ELEMENTS (strings); k++)
        {
          json_builder_set_member_name (b, strings[k].name);
          if (strings[k].value != NULL)
            json_builder_add_string_value (b, strings[k].value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "revision");
      if (c->revision > 0)
        json_builder_add_int_value (b, c->revision);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "reconstructed");
      json_builder_add_boolean_value (b, c->reconstructed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  _cs_cli_print_json (b);
}

static int
print_changes (CsStore    *store,
               const char *id_or_reference,
               gint64      since,
               gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean all = id_or_reference == NULL;
  guint w_draft = 0, w_by;

  rows = all ? cs_store_list_changes_since (store, since, &error)
             : cs_store_list_changes (store, id_or_reference, &error);
  if (rows == NULL)
    {
      _cs_cli_error ("history", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (json)
    {
      print_changes_json (rows);
      return CS_CLI_OK;
    }
  if (rows->len == 0)
    {
      /* only the changes since a time can be none: a draft has at least its creation */
      g_print (_("No changes recorded since then.\n"));
      return CS_CLI_OK;
    }

  /* TRANSLATORS: history --changes column: who made the change (a database role on a server) */
  w_by = _cs_cli_width (_("BY"));
  if (all)
    /* TRANSLATORS: history --changes column: the draft's reference (or id) */
    w_draft = _cs_cli_width (_("DRAFT"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreChange *c = rows->pdata[i];

      w_by = MAX (w_by, _cs_cli_width (c->changed_by ? c->changed_by : "-"));
      if (all)
        w_draft = MAX (w_draft, _cs_cli_width (c->reference ? c->reference : c->manifest_id));
    }
  _cs_cli_pad (out, _("TIME"), 16);
  g_string_append (out, "  ");
  if (all)
    {
      _cs_cli_pad (out, _("DRAFT"), w_draft);
      g_string_append (out, "  ");
    }
  _cs_cli_pad (out, _("BY"), w_by);
  /* TRANSLATORS: history --changes column: what changed */
  g_string_append_printf (out, "  %s\n", _("CHANGE"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreChange *c = rows->pdata[i];
      g_autofree char *time = _cs_cli_format_time (c->changed_at);
      g_autofree char *what = change_text (c);

      _cs_cli_pad (out, time, 16);
      g_string_append (out, "  ");
      if (all)
        {
          _cs_cli_pad (out, c->reference ? c->reference : c->manifest_id, w_draft);
          g_string_append (out, "  ");
        }
      /* "-": a change from before Consign kept who saved */
      _cs_cli_pad (out, c->changed_by ? c->changed_by : "-", w_by);
      g_string_append (out, "  ");
      _cs_cli_pad (out, what, _cs_cli_width (what));
      g_string_append_c (out, '\n');
    }
  _cs_cli_print (out->str);
  return CS_CLI_OK;
}

int
cs_cli_history (int         argc,
                char      **argv,
                const char *db_path)
{
  gboolean changes = FALSE, json = FALSE;
  g_autofree char *since_text = NULL;
  GOptionEntry entries[] = {
    { "changes", 0, 0, G_OPTION_ARG_NONE, &changes,
      N_("List the changes of the draft instead, newest first: when, who, and what (created, saved "
         "revision N, status A → B, deleted); a deleted draft's too, by its id or last reference"),
      NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("With --changes and no REFERENCE: the changes of every draft since TIME (2026-12-07, "
         "2026-12-07T14:00, local time)"), N_("TIME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --changes: print them as a JSON array (changed_by null: unknown)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) sent_rows = NULL;
  g_autoptr(GHashTable) sent = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  int status = CS_CLI_OK;
  guint w_format, w_rev, w_errors, w_by, w_recipient = 0, w_function = 0, w_interchange = 0;

  context = _cs_cli_context ("history", N_("REFERENCE"),
                             N_("List every export of a draft: when, which format, which "
                                "revision, how many errors it had (and whether exporting anyway "
                                "was confirmed), the SHA-256 of the file written, and where. "
                                "With --changes, every change of the draft and who made it."),
                             entries);
  if (!_cs_cli_parse (context, "history", &argc, &argv, &status))
    return status;
  if ((json || since_text != NULL) && !changes)
    return _cs_cli_usage ("history", _("--json and --since go with --changes"));
  if (changes && since_text != NULL)
    {
      gint64 since = _cs_cli_parse_time (since_text);

      if (argc != 1)
        return _cs_cli_usage ("history", _("--since lists every draft's changes: give no REFERENCE"));
      if (since < 0)
        return _cs_cli_usage ("history", _("“%s” is not a time (expected e.g. 2026-12-07 or "
                                           "2026-12-07T14:00)"), since_text);
      if ((store = _cs_cli_open_store ("history", db_path, &status)) == NULL)
        return status;
      return print_changes (store, NULL, since, json);
    }
  if (argc != 2)
    return _cs_cli_usage ("history", _("expected one REFERENCE"));

  if ((store = _cs_cli_open_store ("history", db_path, &status)) == NULL)
    return status;
  if (changes)
    return print_changes (store, argv[1], 0, json);
  if ((rows = cs_store_list_exports (store, argv[1], &error)) == NULL)
    {
      _cs_cli_error ("history", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if ((sent_rows = cs_edifact_list_sent (store, argv[1], &error)) == NULL)
    {
      _cs_cli_error ("history", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (rows->len == 0)
    {
      g_autofree char *quoted = _cs_cli_quote (argv[1]);
      g_autofree char *text = g_strdup_printf (_("No exports recorded for %s.\n"), quoted);

      _cs_cli_print (text);
      return CS_CLI_OK;
    }

  w_format = _cs_cli_width (_("FORMAT"));
  w_rev = _cs_cli_width (_("REVISION"));
  w_errors = _cs_cli_width (_("ERRORS"));
  /* TRANSLATORS: history column: who recorded the export (a database role on a server) */
  w_by = _cs_cli_width (_("EXPORTED BY"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreExport *e = rows->pdata[i];
      g_autofree char *errors = errors_text (e);

      w_format = MAX (w_format, _cs_cli_width (e->format));
      w_errors = MAX (w_errors, _cs_cli_width (errors));
      /* "-": recorded before Consign kept who exported */
      w_by = MAX (w_by, _cs_cli_width (e->exported_by ? e->exported_by : "-"));
    }
  if (sent_rows->len > 0)
    {
      /* TRANSLATORS: history column: the EDIFACT interchange recipient (UNB) */
      w_recipient = _cs_cli_width (_("RECIPIENT"));
      /* TRANSLATORS: history column: the EDIFACT message function (original, replacement, ...) */
      w_function = _cs_cli_width (_("MESSAGE"));
      /* TRANSLATORS: history column: the EDIFACT interchange control reference (UNB) */
      w_interchange = _cs_cli_width (_("INTERCHANGE"));
    }
  for (guint i = 0; i < sent_rows->len; i++)
    {
      CsEdifactSent *s = sent_rows->pdata[i];

      g_hash_table_insert (sent, &s->export_id, s);
      w_recipient = MAX (w_recipient, _cs_cli_width (s->recipient ? s->recipient : "-"));
      w_function = MAX (w_function, _cs_cli_width (cs_edifact_function_label (s->message_function)));
      w_interchange = MAX (w_interchange, _cs_cli_width (s->interchange ? s->interchange : "-"));
    }

  _cs_cli_pad (out, _("TIME"), 16);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("FORMAT"), w_format);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("REVISION"), w_rev);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("ERRORS"), w_errors);
  g_string_append (out, "  ");
  _cs_cli_pad (out, _("EXPORTED BY"), w_by);
  g_string_append (out, "  ");
  if (sent_rows->len > 0)
    {
      _cs_cli_pad (out, _("RECIPIENT"), w_recipient);
      g_string_append (out, "  ");
      _cs_cli_pad (out, _("MESSAGE"), w_function);
      g_string_append (out, "  ");
      _cs_cli_pad (out, _("INTERCHANGE"), w_interchange);
      g_string_append (out, "  ");
    }
  _cs_cli_pad (out, _("SHA-256"), 64);
  g_string_append_printf (out, "  %s\n", _("PATH"));
  for (guint i = 0; i < rows->len; i++)
    {
      CsStoreExport *e = rows->pdata[i];
      g_autofree char *time = _cs_cli_format_time (e->time);
      g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, e->revision);
      g_autofree char *errors = errors_text (e);

      _cs_cli_pad (out, time, 16);
      g_string_append (out, "  ");
      _cs_cli_pad (out, e->format, w_format);
      g_string_append (out, "  ");
      for (guint k = _cs_cli_width (rev); k < w_rev; k++)
        g_string_append_c (out, ' ');
      g_string_append (out, rev);
      g_string_append (out, "  ");
      _cs_cli_pad (out, errors, w_errors);
      g_string_append (out, "  ");
      _cs_cli_pad (out, e->exported_by ? e->exported_by : "-", w_by);
      g_string_append (out, "  ");
      if (sent_rows->len > 0)
        {
          CsEdifactSent *s = g_hash_table_lookup (sent, &e->id);

          _cs_cli_pad (out, s && s->recipient ? s->recipient : "-", w_recipient);
          g_string_append (out, "  ");
          _cs_cli_pad (out, s ? cs_edifact_function_label (s->message_function) : "-", w_function);
          g_string_append (out, "  ");
          _cs_cli_pad (out, s && s->interchange ? s->interchange : "-", w_interchange);
          g_string_append (out, "  ");
        }
      _cs_cli_pad (out, e->sha256, 64);
      g_string_append (out, "  ");
      _cs_cli_pad (out, e->path, _cs_cli_width (e->path));
      g_string_append_c (out, '\n');
    }
  _cs_cli_print (out->str);
  return CS_CLI_OK;
}
