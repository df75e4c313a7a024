/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-xml-contract.c: the XSD is a contract on the form of codes. A draft whose codes do not
 * have their form is still exported (the exporter writes what the draft holds, like every other
 * format, and the validator reports the findings), and xmllint then rejects the file against
 * resources/schema/consign-manifest.xsd, naming each element; a correct draft's file validates. */

#include "config.h"

#include <string.h>

#include "cs-export.h"
#include "cs-test-util.h"

static char *
lint (const char *xml,
      int        *status)
{
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "resources", "schema",
                                                "consign-manifest.xsd", NULL);
  const char *argv[] = { "/usr/bin/xmllint", "--noout", "--schema", xsd, xml, NULL };
  char *out = NULL;

  *status = cs_test_run (argv, &out);
  return out;
}

static void
test_garbage_fails_schema (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.xml", NULL);
  g_autofree char *bad = g_build_filename (dir, "garbage.xml", NULL);
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *vins[] = { "LJCPCBLCX1100O237", NULL };
  const char *expected[] = {
    "LoadingLocationID", "Qinzhou port!!",
    "ID", "hello",
    "CurrencyCode", "dollars",
    "Classification", "fruit",
    "UNDGID", "35566",
    "CountryCode", "XX",
    "VIN", "LJCPCBLCX1100O237",
    "IMOID", "932148",
    "NationalityCode", "China",
  };
  int status = -1;

  g_assert_true (cs_export_to_file ("xml", m, NULL, good, NULL, &error));
  g_assert_no_error (error);
  out = lint (good, &status);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);

  cs_record_set_string (CS_RECORD (m), "port_of_loading", "Qinzhou port!!");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_CONTAINER (m, 0)), "number", "hello");
  cs_record_set_string (CS_RECORD (m), "currency", "dollars");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 4)), "hs_code", "fruit");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)->dg), "un_number", "35566");
  cs_record_set_string (CS_RECORD (m->parties->consignee), "country", "XX");
  cs_record_set_strv (CS_RECORD (CS_MANIFEST_ITEM (m, 3)->vehicle), "vins", vins);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)->vessel), "imo", "932148");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)->vessel), "flag", "China");

  /* written: the XML export does not judge codes ... */
  g_assert_true (cs_export_to_file ("xml", m, NULL, bad, NULL, &error));
  g_assert_no_error (error);
  /* ... the schema does, for each of them */
  out = lint (bad, &status);
  g_test_message ("%s", out);
  g_assert_cmpint (status, !=, 0);
  g_assert_null (strstr (out, "validates"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i += 2)
    {
      g_autofree char *element = g_strdup_printf ("Element '{urn:consign:manifest:1}%s'", expected[i]);
      g_autofree char *value = g_strdup_printf ("'%s'", expected[i + 1]);
      gboolean found = FALSE;
      g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

      for (guint k = 0; lines[k] != NULL && !found; k++)
        found = strstr (lines[k], element) != NULL && strstr (lines[k], value) != NULL;
      if (!found)
        g_error ("xmllint does not reject %s “%s”:\n%s", expected[i], expected[i + 1], out);
    }
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml-contract/garbage-fails-schema", test_garbage_fails_schema);
  return g_test_run ();
}
