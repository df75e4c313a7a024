/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv.c: the CSV reader (decoding in every encoding on offer, column detection, item and VIN
 * import)
 *
 * Any input gives either the objects or an error naming the file; rows with problems are all
 * listed, each naming the file and line; decoding gives valid UTF-8 of the length it reports, and
 * previews are valid UTF-8 without control characters. Never a crash.
 */

#include "config.h"

#include <string.h>

#include "cs-import-csv.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_trap_to_abort ();
  return 0;
}

static void
check_error (GError    *error,
             GPtrArray *problems,
             gboolean   got)
{
  if (got == (error != NULL))
    g_error ("%s", got ? "a result and an error" : "no result and no error");
  if (error == NULL)
    return;
  if (error->domain != CS_IMPORT_ERROR || !g_str_has_prefix (error->message, "fuzz.csv"))
    g_error ("the error does not name the file: %s", error->message);
  if ((error->code == CS_IMPORT_ERROR_ROWS) != (problems != NULL && problems->len > 0))
    g_error ("row problems without a rows error, or the other way round: %s", error->message);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);

      if (!g_str_has_prefix (s, "fuzz.csv:") || ((CsImportProblem *) problems->pdata[i])->line == 0)
        g_error ("a problem does not name the file and line: %s", s);
      if (!g_utf8_validate (s, -1, NULL))
        g_error ("a problem is not UTF-8");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) previews = cs_import_csv_previews (text, size);

  for (guint i = 0; i < previews->len; i++)
    {
      const char *p = ((CsImportPreview *) previews->pdata[i])->text;

      if (p == NULL)
        continue;
      if (!g_utf8_validate (p, -1, NULL))
        g_error ("a preview is not UTF-8");
      for (const char *c = p; *c; c = g_utf8_next_char (c))
        if (g_unichar_iscntrl (g_utf8_get_char (c)))
          g_error ("a preview holds a control character");
    }

  for (guint e = 0; e < CS_IMPORT_N_ENCODINGS; e++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      g_autofree char *utf8 = cs_import_csv_decode (text, size, "fuzz.csv", e, &len, &error);

      check_error (error, NULL, utf8 != NULL);
      if (utf8 != NULL && (strlen (utf8) != len || !g_utf8_validate (utf8, len, NULL)))
        g_error ("decoding as %s gave no valid UTF-8 of the length reported", cs_import_encoding_name (e));
    }

  {
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) headers = NULL;
    CsImportMapping map;
    gboolean ok = cs_import_csv_detect (text, size, "fuzz.csv", &map, &headers, &error);

    check_error (error, NULL, ok);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) items = cs_import_csv_items (text, size, "fuzz.csv", NULL, &problems, &error);

    check_error (error, problems, items != NULL);
    for (guint i = 0; items != NULL && i < items->len; i++)
      {
        CsItem *it = items->pdata[i];

        if (it->description == NULL || !g_utf8_validate (it->description, -1, NULL))
          g_error ("an imported item has no valid description");
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_auto(GStrv) vins = cs_import_csv_vins (text, size, "fuzz.csv", NULL, &problems, &error);

    check_error (error, problems, vins != NULL);
    for (guint i = 0; vins != NULL && vins[i] != NULL; i++)
      if (strlen (vins[i]) != 17)
        g_error ("an imported VIN is not 17 characters: %s", vins[i]);
  }
  return 0;
}
