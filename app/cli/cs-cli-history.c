/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-history.c: consign history REF (the exports audit of one draft)
 *
 * Each export shows who recorded it (on a PostgreSQL server the database role, on SQLite the
 * person's name; "-" for exports from before Consign kept it).
 *
 * EDIFACT exports also show what was sent (cs-edifact-history.h): the recipient, the message
 * function (original, replacement, cancellation) and the interchange reference, in three columns
 * that appear only when the draft has such an export, so other histories read as before.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

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

int
cs_cli_history (int         argc,
                char      **argv,
                const char *db_path)
{
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
                                "was confirmed), the SHA-256 of the file written, and where."), NULL);
  if (!_cs_cli_parse (context, "history", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _cs_cli_usage ("history", _("expected one REFERENCE"));

  if ((store = _cs_cli_open_store ("history", db_path, &status)) == NULL)
    return status;
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
