/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-xml.c: the XML export, checked by xmllint against our XSD and read back by an
 * independent Python reader (tests/check-xml.py) that compares every value with the JSON. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-json.h"
#include "consign-core-resources.h"
#include "cs-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = cs_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  cs_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

static char *
export_xml (Fixture    *fx,
            CsManifest *m,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  gboolean ok = cs_export_to_file ("xml", m, NULL, path, &sha, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (strlen (sha), ==, 64);
  return path;
}

static void
assert_schema_valid (const char *xml)
{
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "resources", "schema",
                                                "consign-manifest.xsd", NULL);
  const char *argv[] = { "/usr/bin/xmllint", "--noout", "--schema", xsd, xml, NULL };
  g_autofree char *out = NULL;

  if (cs_test_run (argv, &out) != 0)
    g_error ("xmllint rejects %s:\n%s", xml, out);
  g_assert_nonnull (strstr (out, "validates"));
}

static void
assert_round_trip (const char *xml,
                   const char *json)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-xml.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, xml, json, NULL };
  g_autofree char *out = NULL;

  if (cs_test_run (argv, &out) != 0)
    g_error ("check-xml.py finds differences between %s and %s:\n%s", xml, json, out);
  g_assert_nonnull (strstr (out, "OK:"));
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, &error));
  g_assert_no_error (error);
  return data;
}

/* The JSON of @m in a scratch file, for the reader to compare with. */
static char *
dump_json (Fixture    *fx,
           CsManifest *m,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = cs_json_dump (m, &len);
  char *path = g_build_filename (fx->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_every_field (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *xml = export_xml (fx, m, "every-field.xml");
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autofree char *text = read_text (xml);

  assert_schema_valid (xml);
  assert_round_trip (xml, json);

  /* A few things the reader cannot see by itself: the WCO names and the escaping. */
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Manifest "
                                         "xmlns=\"urn:consign:manifest:1\">"));
  g_assert_nonnull (strstr (text, "<Consignment>"));
  g_assert_nonnull (strstr (text, "<Classification>8703801090</Classification>"));
  g_assert_nonnull (strstr (text, "<GrossMassMeasure unitCode=\"KGM\">6200</GrossMassMeasure>"));
  g_assert_nonnull (strstr (text, "<ValueAmount>36000.5</ValueAmount>"));
  g_assert_nonnull (strstr (text, "<Seals></Seals>"));          /* [] is not absent */
  g_assert_nonnull (strstr (text, "<PackingGroupCode></PackingGroupCode>"));   /* "" */
  g_assert_nonnull (strstr (text, "with &quot;quotes&quot;, a tab\tand a backslash \\ — 备注</Remarks>"));
}

static void
test_shared_example (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autofree char *xml = export_xml (fx, m, "railsea.xml");
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "railsea-electronics.json",
                                                 NULL);

  assert_schema_valid (xml);
  assert_round_trip (xml, json);
}

/* Nothing set at all, and a fresh draft: still valid documents. */
static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(CsManifest) empty = cs_manifest_new ();
  g_autoptr(CsManifest) draft = cs_manifest_new_draft ();
  g_autofree char *xml1 = export_xml (fx, empty, "empty.xml");
  g_autofree char *xml2 = export_xml (fx, draft, "draft.xml");
  g_autofree char *json2 = dump_json (fx, draft, "draft.json");
  g_autofree char *text = read_text (xml1);

  assert_schema_valid (xml1);
  assert_schema_valid (xml2);
  assert_round_trip (xml2, json2);
  g_assert_nonnull (strstr (text, "<Manifest xmlns=\"urn:consign:manifest:1\"></Manifest>"));
}

/* Markup characters in every kind of text field are escaped and read back exactly. */
static void
test_escaping (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  CsContainer *box = CS_MANIFEST_CONTAINER (m, 0);
  const char *seals[] = { "<S&1>", "\"2\"", NULL };
  g_autofree char *xml = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  cs_record_set_string (CS_RECORD (item), "description", "Tools & <parts> \"A\" 'B' ]]> end");
  cs_record_set_string (CS_RECORD (m->parties->shipper), "name", "A&B <Co> 株式会社");
  cs_record_set_string (CS_RECORD (m), "notes", "CR\r\nLF\n  leading and trailing  ");
  cs_record_set_strv (CS_RECORD (box), "seals", seals);

  xml = export_xml (fx, m, "escaping.xml");
  json = dump_json (fx, m, "escaping.json");
  text = read_text (xml);

  assert_schema_valid (xml);
  assert_round_trip (xml, json);
  g_assert_nonnull (strstr (text, "<Description>Tools &amp; &lt;parts&gt; &quot;A&quot; 'B' ]]&gt; end</Description>"));
  g_assert_nonnull (strstr (text, "<Name>A&amp;B &lt;Co&gt; 株式会社</Name>"));
  g_assert_nonnull (strstr (text, "<Remarks>CR&#13;\nLF\n  leading and trailing  </Remarks>"));
  g_assert_nonnull (strstr (text, "<Seal>&lt;S&amp;1&gt;</Seal>"));
}

/* A control character XML cannot carry: refused, naming the field, and no file left behind. */
static void
test_control_character (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "bell.xml", NULL);
  g_autoptr(GDir) dir = NULL;

  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 2)), "marks", "GEN\a1-2");
  g_assert_false (cs_export_to_file ("xml", m, NULL, path, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "items[2].marks"));
  g_assert_nonnull (strstr (error->message, "U+0007"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Nor a temporary file. */
  dir = g_dir_open (fx->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));

  /* The same in a vector entry and in a party. */
  g_clear_error (&error);
  {
    const char *vins[] = { "LJCPCBLCX11000237", "BAD\x1b", NULL };
    cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 2)), "marks", "GEN 1-2");
    cs_record_set_strv (CS_RECORD (CS_MANIFEST_ITEM (m, 3)->vehicle), "vins", vins);
  }
  g_assert_false (cs_export_to_file ("xml", m, NULL, path, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "items[3].vehicle.vins[1]"));
}

/* Date-times the model accepts in other ISO 8601 forms are written as xs:dateTime. */
static void
test_datetime_forms (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *xml = NULL;
  g_autofree char *text = NULL;

  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 0)), "etd", "2026-04-06 09:00:00+0800");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 0)), "eta", "2026-04-08");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)), "etd", "2026-04-09T16:00:00.250Z");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 1)), "eta", "20260411T100000");
  xml = export_xml (fx, m, "dates.xml");
  text = read_text (xml);
  assert_schema_valid (xml);
  g_assert_nonnull (strstr (text, "<DepartureDateTime>2026-04-06T09:00:00+08:00</DepartureDateTime>"));
  g_assert_nonnull (strstr (text, "<ArrivalDateTime>2026-04-08</ArrivalDateTime>"));
  g_assert_nonnull (strstr (text, "<DepartureDateTime>2026-04-09T16:00:00.250Z</DepartureDateTime>"));
  /* No zone given, none invented. */
  g_assert_nonnull (strstr (text, "<ArrivalDateTime>2026-04-11T10:00:00</ArrivalDateTime>"));
}

/* Numbers: shortest exact decimals, never exponents (xs:decimal has none). */
static void
test_numbers (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  g_autofree char *xml = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  cs_record_set_number (CS_RECORD (item), "volume_m3", 1e-7);
  cs_record_set_number (CS_RECORD (item), "value", 1e21);
  cs_record_set_number (CS_RECORD (item), "net_kg", 0.1);
  cs_record_set_number (CS_RECORD (item), "quantity", -0.0);
  xml = export_xml (fx, m, "numbers.xml");
  json = dump_json (fx, m, "numbers.json");
  text = read_text (xml);
  assert_schema_valid (xml);
  assert_round_trip (xml, json);
  g_assert_nonnull (strstr (text, ">0.0000001</GrossVolumeMeasure>"));
  g_assert_nonnull (strstr (text, "<ValueAmount>1000000000000000000000</ValueAmount>"));
  g_assert_nonnull (strstr (text, ">0.1</NetNetWeightMeasure>"));
}

/* Numbers whose plain decimal form has more digits than schema validators take (xmllint: 24) are
 * refused with the field's path, not written into a file that fails the XSD. */
static void
test_numbers_too_long (Fixture       *fx,
                       gconstpointer  data)
{
  const struct { const char *field; double v; } cases[] = {
    { "gross_kg", 1.7e308 },
    { "value", 1e25 },
    { "volume_m3", 1e-30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fx->dir, "long.xml", NULL);
      g_autofree char *where = g_strdup_printf ("items[1].%s", cases[i].field);

      cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 1)), cases[i].field, cases[i].v);
      g_assert_false (cs_export_to_file ("xml", m, NULL, path, NULL, &error));
      g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID);
      if (strstr (error->message, where) == NULL)
        g_error ("“%s” does not name %s", error->message, where);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* The schema ships in the core resources, identical to the source tree's copy. */
static void
test_schema_resource (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (consign_core_get_resource (),
                                                    "/cn/consign/Consign/schema/consign-manifest.xsd",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "schema",
                                                 "consign-manifest.xsd", NULL);
  g_autofree char *text = read_text (path);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, strlen (text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/export/xml/every-field", test_every_field);
  ADD ("/export/xml/shared-example", test_shared_example);
  ADD ("/export/xml/empty", test_empty);
  ADD ("/export/xml/escaping", test_escaping);
  ADD ("/export/xml/control-character", test_control_character);
  ADD ("/export/xml/datetime-forms", test_datetime_forms);
  ADD ("/export/xml/numbers", test_numbers);
  ADD ("/export/xml/numbers-too-long", test_numbers_too_long);
#undef ADD
  g_test_add_func ("/export/xml/schema-resource", test_schema_resource);

  return g_test_run ();
}
