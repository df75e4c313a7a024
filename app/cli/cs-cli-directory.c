/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-directory.c: consign parties|products import|export FILE, and list [TEXT] */

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
