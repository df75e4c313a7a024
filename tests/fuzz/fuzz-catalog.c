/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-catalog.c: the catalog loader, on the file a user may put in the override folder
 *
 * Input: a catalog file name on the first line ("corridors.json"), then that file's override
 * contents (when the first line names no catalog file, the first byte picks one and the whole
 * input is the contents). The override is merged over the built-in catalog; a bad override is a
 * warning naming the file, never a crash, and whatever loads must carry the validator through
 * the test manifests (FUZZ_DATA_DIR).
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-json.h"
#include "cs-validator.h"
#include "fuzz.h"

static const char *names[] = {
  "rules.json", "params.json", "locodes.json", "corridors.json", "packages.json", "units.json",
  "size_types.json", "reefer_bands.json", "hs.json", "documents.json", "incoterms.json",
  "currencies.json", "preferences.json", "dg.json", "requirements.json",
};

static char *override_dir;
static CsManifest *manifests[2];
static GDate today;

static void
remove_dir (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (override_dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (override_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char *fixtures[] = { "railsea-electronics.json", "corridors/ASEAN-CQ-COLDCHAIN.json" };
  g_autoptr(GError) error = NULL;

  fuzz_trap_to_abort ();
  override_dir = g_dir_make_tmp ("consign-fuzz-catalog-XXXXXX", &error);
  if (override_dir == NULL)
    g_error ("%s", error->message);
  atexit (remove_dir);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_build_filename (FUZZ_DATA_DIR, fixtures[i], NULL);

      manifests[i] = cs_json_load_file (path, &error);
      if (manifests[i] == NULL)
        g_error ("%s", error->message);
    }
  fuzz_reference_date (&today);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCatalog) catalog = NULL;
  const uint8_t *nl = memchr (data, '\n', size);
  const char *name = NULL;
  g_autofree char *path = NULL;
  GPtrArray *warnings;

  for (guint i = 0; nl != NULL && i < G_N_ELEMENTS (names); i++)
    if ((size_t) (nl - data) == strlen (names[i]) && memcmp (data, names[i], nl - data) == 0)
      {
        name = names[i];
        size -= nl + 1 - data;
        data = nl + 1;
      }
  if (name == NULL)
    name = names[size > 0 ? data[0] % G_N_ELEMENTS (names) : 0];

  path = g_build_filename (override_dir, name, NULL);
  /* no fsync: a busy disk made each input take seconds */
  if (!g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
  catalog = cs_catalog_new_full (NULL, override_dir, NULL, &error);
  g_unlink (path);
  if (catalog == NULL)
    {
      /* the built-in catalog always loads: an override can only add warnings */
      g_error ("an override file made the catalog fail: %s", error ? error->message : "(no error)");
    }
  warnings = cs_catalog_get_warnings (catalog);
  for (guint i = 0; i < warnings->len; i++)
    if (!g_utf8_validate (warnings->pdata[i], -1, NULL) || strstr (warnings->pdata[i], name) == NULL)
      g_error ("a catalog warning is not UTF-8 or does not name the file");

  for (guint i = 0; i < G_N_ELEMENTS (manifests); i++)
    {
      g_autoptr(GPtrArray) findings = cs_validate (manifests[i], catalog, &today);

      for (guint k = 0; k < findings->len; k++)
        {
          CsFinding *f = findings->pdata[k];

          if (!g_strv_contains (cs_rule_ids, f->rule) ||
              !g_utf8_validate (cs_finding_get_message (f), -1, NULL))
            g_error ("a finding with an unknown rule or a message that is not UTF-8 (%s)", f->rule);
        }
    }
  return 0;
}
