/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-json.c: the JSON manifest reader, and what runs on what it accepts
 *
 * Any input gives either a manifest or a GError that names the file (and, past an empty file,
 * line:column); never a crash. An accepted manifest is validated (every finding has a known rule
 * and a UTF-8 message) and written back out, and the output must read back equal.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cs-json.h"
#include "cs-validator.h"
#include "fuzz.h"

static CsCatalog *catalog;
static GDate today;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_trap_to_abort ();
  catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  if (catalog == NULL)
    g_error ("the built-in catalog does not load: %s", error->message);
  fuzz_reference_date (&today);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_data ((const char *) data, size, "fuzz.json", &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autofree char *dump = NULL;
  gsize dump_len;

  if (m == NULL)
    {
      if (error == NULL)
        g_error ("no manifest and no error");
      if (!g_str_has_prefix (error->message, "fuzz.json:"))
        g_error ("the error does not name the file: %s", error->message);
      if (error->domain == CS_JSON_ERROR && strstr (error->message, "the file is empty") == NULL)
        {
          guint line = 0, col = 0;

          if (sscanf (error->message, "fuzz.json:%u:%u:", &line, &col) != 2 || line == 0 || col == 0)
            g_error ("the error does not name line:column: %s", error->message);
        }
      return 0;
    }
  if (error != NULL)
    g_error ("a manifest and an error: %s", error->message);

  findings = cs_validate (m, catalog, &today);
  for (guint k = 0; k < findings->len; k++)
    {
      CsFinding *f = findings->pdata[k];

      if (!g_strv_contains (cs_rule_ids, f->rule))
        g_error ("unknown rule %s", f->rule);
      if (!g_utf8_validate (cs_finding_get_message (f), -1, NULL))
        g_error ("a finding's message is not UTF-8 (%s)", f->rule);
    }
  dump = cs_json_dump (m, &dump_len);
  back = cs_json_load_data (dump, dump_len, "dump.json", &error);
  if (back == NULL)
    g_error ("the written manifest does not read back: %s", error->message);
  if (!cs_record_equal (CS_RECORD (m), CS_RECORD (back)))
    g_error ("the written manifest reads back different");
  return 0;
}
