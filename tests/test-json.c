/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: the JSON interchange format: lossless round trip and clear refusals */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-json.h"
#include "cs-test-util.h"

static void
test_round_trip (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_fixture_path (data);
  g_autoptr(CsManifest) a = cs_json_load_file (path, &error);
  g_autoptr(CsManifest) b = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  gsize len;

  g_assert_no_error (error);
  text = cs_json_dump (a, &len);
  g_assert_cmpuint (len, ==, strlen (text));
  b = cs_json_load_data (text, len, "dump", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (a), CS_RECORD (b)));

  /* Writing is stable: dump(load(dump(x))) == dump(x). */
  text2 = cs_json_dump (b, NULL);
  g_assert_cmpstr (text, ==, text2);

  /* And every key and value of the original file survives (compared as JSON trees). */
  g_assert_true (json_parser_load_from_file (p1, path, NULL));
  g_assert_true (json_parser_load_from_data (p2, text, -1, NULL));
  g_assert_true (json_node_equal (json_parser_get_root (p1), json_parser_get_root (p2)));
}

static void
test_every_field_is_set (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_fixture_path ("every-field.json");
  g_autoptr(CsManifest) m = cs_json_load_file (path, &error);
  CsItem *car, *apples;
  CsContainer *reefer;

  g_assert_no_error (error);
  car = CS_MANIFEST_ITEM (m, 3);
  apples = CS_MANIFEST_ITEM (m, 4);
  reefer = CS_MANIFEST_CONTAINER (m, 2);
  g_assert_cmpstr (car->vehicle->vins[1], ==, "1M8GDM9AXKP042788");
  /* {"vin", "container"} next to a plain string: the box is kept by index, none for the other */
  g_assert_null (cs_tagged_container ((const char * const *) car->vehicle->vin_containers, 0));
  g_assert_cmpstr (cs_tagged_container ((const char * const *) car->vehicle->vin_containers, 1), ==,
                   "CMAU5120770");
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 2)->machinery->serials[1], ==, "LJ-GS100-26-0032");
  g_assert_cmpstr (cs_tagged_container ((const char * const *) CS_MANIFEST_ITEM (m, 2)->machinery->serial_containers, 1),
                   ==, "CMAU5120770");
  g_assert_cmpstr (car->vehicle->powertrain, ==, "BEV");
  g_assert_true (car->vehicle->powertrain == g_intern_string ("BEV"));
  g_assert_cmpfloat (car->vehicle->battery_kwh, ==, 66.8);
  g_assert_cmpuint (cs_list_length (car->splits), ==, 2);
  g_assert_cmpstr (((CsSplit *) cs_list_index (car->splits, 1))->container, ==, "CMAU5120770");
  g_assert_cmpstr (car->dg->dg_class, ==, "9");
  g_assert_cmpstr (apples->perishable->packed_on, ==, "2026-04-02");
  g_assert_cmpfloat (apples->perishable->temp_min_c, ==, -1);
  g_assert_false (apples->perishable->frozen);
  g_assert_cmpfloat (reefer->reefer->setpoint_c, ==, 1.5);
  g_assert_cmpstr (reefer->pending[0], ==, "vgm_kg");
  g_assert_true (CS_MANIFEST_ITEM (m, 6)->machinery->dual_use);
  g_assert_cmpint (g_array_index (CS_MANIFEST_DOCUMENT (m, 4)->covers, gint64, 0), ==, 5);
  g_assert_nonnull (strstr (m->notes, "备注"));
  g_assert_cmpstr (cs_manifest_get_party (m, "carrier")->name_latin, ==, "China Railway Chengdu Group Co., Ltd.");
}

typedef struct
{
  const char *name;
  const char *json;
  int         code;
  const char *must_say;   /* a substring of the message that names the place */
} BadCase;

static const BadCase bad_cases[] = {
  { "truncated", "{\n  \"reference\": \"A\",\n  \"items\": [\n", CS_JSON_ERROR_SYNTAX, "bad.json:" },
  { "not-json", "reference: A\n", CS_JSON_ERROR_SYNTAX, "bad.json:1:" },
  { "quantity-string", "{\"items\": [{\"line\": 1, \"quantity\": \"ten\"}]}", CS_JSON_ERROR_TYPE, "items[0].quantity" },
  { "unknown-enum", "{\"items\": [{\"category\": \"spaceship\"}]}", CS_JSON_ERROR_VALUE, "items[0].category" },
  { "unknown-key", "{\"containers\": [{\"numbr\": \"X\"}]}", CS_JSON_ERROR_UNKNOWN, "containers[0].numbr" },
  { "fraction-line", "{\"items\": [{}, {\"line\": 2.5}]}", CS_JSON_ERROR_VALUE, "items[1].line" },
  { "bad-date", "{\"documents\": [{\"issued_on\": \"2026-02-30\"}]}", CS_JSON_ERROR_VALUE, "documents[0].issued_on" },
  { "bad-datetime", "{\"legs\": [{\"etd\": \"tomorrow\"}]}", CS_JSON_ERROR_VALUE, "legs[0].etd" },
  { "vin-number", "{\"items\": [{\"vehicle\": {\"vins\": [\"LJCPCBLCX11000237\", 7]}}]}", CS_JSON_ERROR_TYPE,
    "items[0].vehicle.vins[1]" },
  { "vin-object-no-vin", "{\"items\": [{\"vehicle\": {\"vins\": [\"A\", {\"container\": \"CSQU3054383\"}]}}]}",
    CS_JSON_ERROR_VALUE, "items[0].vehicle.vins[1]" },
  { "vin-object-unknown-key", "{\"items\": [{\"vehicle\": {\"vins\": [{\"vin\": \"A\", \"box\": \"X\"}]}}]}",
    CS_JSON_ERROR_UNKNOWN, "items[0].vehicle.vins[0].box" },
  { "vin-containers-key", "{\"items\": [{\"vehicle\": {\"vin_containers\": [\"X\"]}}]}",
    CS_JSON_ERROR_UNKNOWN, "items[0].vehicle.vin_containers" },
  { "serial-object-number", "{\"items\": [{\"machinery\": {\"serials\": [{\"serial\": 5}]}}]}",
    CS_JSON_ERROR_TYPE, "items[0].machinery.serials[0].serial" },
  { "top-array", "[1, 2]", CS_JSON_ERROR_TYPE, "top level" },
  { "party-string", "{\"parties\": {\"shipper\": \"ACME\"}}", CS_JSON_ERROR_TYPE, "parties.shipper" },
  { "bool-string", "{\"items\": [{\"machinery\": {\"dual_use\": \"yes\"}}]}", CS_JSON_ERROR_TYPE,
    "items[0].machinery.dual_use" },
  { "empty", "", CS_JSON_ERROR_SYNTAX, "bad.json" },
  { "date-signed-year", "{\"documents\": [{\"issued_on\": \"-001-01-01\"}]}", CS_JSON_ERROR_VALUE,
    "documents[0].issued_on" },
  { "date-spaced-year", "{\"items\": [{\"perishable\": {\"packed_on\": \" 202-04-02\"}}]}", CS_JSON_ERROR_VALUE,
    "items[0].perishable.packed_on" },
  { "covers-huge", "{\"documents\": [{\"covers\": [1, 1e300]}]}", CS_JSON_ERROR_VALUE, "documents[0].covers[1]" },
  { "covers-beyond-2^53", "{\"documents\": [{\"covers\": [9007199254740994]}]}", CS_JSON_ERROR_VALUE,
    "documents[0].covers[0]" },
  { "invalid-utf8", "{\n \"notes\": \"caf\xe9\"}", CS_JSON_ERROR_ENCODING, "bad.json:2:" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_data (c->json, -1, "bad.json", &error);

  g_assert_null (m);
  g_assert_error (error, CS_JSON_ERROR, c->code);
  if (strstr (error->message, c->must_say) == NULL)
    g_error ("message “%s” does not name “%s”", error->message, c->must_say);
}

/* A VIN without a container is written as the plain string, so files from before keep their
 * bytes; one with a container as {"vin", "container"}. */
static void
test_vin_containers_written (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m =
    cs_json_load_data ("{\"items\": [{\"vehicle\": {\"vins\": [\"AAA\", {\"vin\": \"BBB\", \"container\": \"\"},"
                       " {\"vin\": \"CCC\", \"container\": \"CSQU3054383\"}]}}]}", -1, "v.json", &error);
  g_autofree char *text = NULL;
  CsVehicle *v;

  g_assert_no_error (error);
  v = CS_MANIFEST_ITEM (m, 0)->vehicle;
  g_assert_cmpuint (g_strv_length (v->vins), ==, 3);
  g_assert_null (cs_tagged_container ((const char * const *) v->vin_containers, 1));
  text = cs_json_dump (m, NULL);
  g_assert_nonnull (strstr (text, "\"vins\": [\"AAA\", \"BBB\", {\"vin\": \"CCC\", \"container\": \"CSQU3054383\"}]"));
  g_assert_null (strstr (text, "vin_containers"));

  /* a vector of boxes shorter than the VINs (an edit of the VINs alone) names no box past its end */
  cs_record_set_strv (CS_RECORD (v), "vins", (const char * const []) { "AAA", "BBB", "CCC", "DDD", NULL });
  g_assert_null (cs_tagged_container ((const char * const *) v->vin_containers, 3));
  g_clear_pointer (&text, g_free);
  text = cs_json_dump (m, NULL);
  g_assert_nonnull (strstr (text, "{\"vin\": \"CCC\", \"container\": \"CSQU3054383\"}, \"DDD\"]"));
}

static void
test_null_is_absent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_data ("{\"reference\": null, \"items\": [{\"gross_kg\": null}]}",
                                                -1, "n.json", &error);
  g_assert_no_error (error);
  g_assert_null (m->reference);
  g_assert_false (cs_num_is_set (CS_MANIFEST_ITEM (m, 0)->gross_kg));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_file ("/nonexistent/consign.json", &error);

  g_assert_null (m);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/consign.json"));
}

static void
test_numbers (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  cs_json_append_number (s, 2400);
  g_string_append_c (s, ' ');
  cs_json_append_number (s, 38.4);
  g_string_append_c (s, ' ');
  cs_json_append_number (s, -18);
  g_string_append_c (s, ' ');
  cs_json_append_number (s, 0.1 + 0.2);
  g_assert_cmpstr (s->str, ==, "2400 38.4 -18 0.30000000000000004");
}

static void
test_check_depth (void)
{
  g_autoptr(GError) error = NULL;

  /* brackets inside strings (with escaped quotes) do not count */
  g_assert_true (cs_json_check_depth ("{\"a\": [[\"[[[[\\\"{{{{\"]]}", -1, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cs_json_check_depth (" \r\n[[[]]] \n", -1, 3, NULL, &error));
  g_assert_no_error (error);
  /* a byte-order mark before the value is no second value */
  g_assert_true (cs_json_check_depth ("\xEF\xBB\xBF{\"entries\": []}\n", -1, 3, NULL, &error));
  g_assert_no_error (error);
  /* one value per file: json-glib would keep the first and drop the rest */
  g_assert_false (cs_json_check_depth ("[[[]]]\n [[[]]]", -1, 3, "two.json", &error));
  g_assert_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "two.json:2:2:"));
  g_clear_error (&error);
  g_assert_false (cs_json_check_depth ("{}x", -1, 3, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "1:3:"));
  g_clear_error (&error);
  g_assert_false (cs_json_check_depth ("12 {}", -1, 3, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "1:4:"));
  g_clear_error (&error);
  /* the fourth level, at line 2 column 3 */
  g_assert_false (cs_json_check_depth ("[[\n [[]]]]", -1, 3, "deep.json", &error));
  g_assert_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "deep.json:2:3:"));
  g_clear_error (&error);
  g_assert_false (cs_json_check_depth ("[[[[", 4, 3, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "1:4:"));
}

/* A key given twice in one object is an error naming both places, whatever the key: the reader
 * used to keep only the second "parties" (the shipper vanished), "vehicle", "items" or "vins". */
typedef struct
{
  const char *name;
  const char *json;
  const char *first;    /* "dup.json:L:C" of the first occurrence */
  const char *second;   /* ... and of the second, where the error points */
  const char *path;
} DupCase;

static const DupCase dup_cases[] = {
  { "parties",
    "{\n  \"parties\": {\"shipper\": {\"name\": \"A\"}},\n  \"reference\": \"R\",\n"
    "  \"parties\": {\"consignee\": {\"name\": \"B\"}}\n}\n",
    "dup.json:2:3", "dup.json:4:3", "parties" },
  { "items",
    "{\"items\": [{\"line\": 1}],\n \"items\": []}", "dup.json:1:2", "dup.json:2:2", "items" },
  { "vehicle",
    "{\"items\": [{\"line\": 1}, {\"line\": 2,\n  \"vehicle\": {\"vins\": []},\n  \"vehicle\": {}}]}",
    "dup.json:2:3", "dup.json:3:3", "items[1].vehicle" },
  { "vins",
    "{\"items\": [{\"vehicle\": {\"vins\": [\"LJCPCBLCX11000237\"], \"vins\": []}}]}",
    "dup.json:1:25", "dup.json:1:56", "items[0].vehicle.vins" },
  { "null-then-value",
    "{\"reference\": null, \"reference\": \"R\"}", "dup.json:1:2", "dup.json:1:21", "reference" },
  { "party-name",
    "{\"parties\": {\"shipper\": {\"name\": \"A\", \"name\": \"B\"}}}",
    "dup.json:1:26", "dup.json:1:39", "parties.shipper.name" },
};

static void
test_duplicate_key (gconstpointer data)
{
  const DupCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_data (c->json, -1, "dup.json", &error);
  g_autofree char *at_second = g_strdup_printf ("%s: %s:", c->second, c->path);

  g_assert_null (m);
  g_assert_error (error, CS_JSON_ERROR, CS_JSON_ERROR_DUPLICATE);
  if (!g_str_has_prefix (error->message, at_second) || strstr (error->message, c->first) == NULL)
    g_error ("message “%s” does not name both %s and %s (%s)", error->message, c->first,
             c->second, c->path);
}

/* The same key in two different objects is no duplicate. */
static void
test_same_key_other_objects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m =
    cs_json_load_data ("{\"items\": [{\"line\": 1, \"vehicle\": {\"vins\": []}}, "
                       "{\"line\": 2, \"vehicle\": {\"vins\": []}}], \"reference\": \"R\"}",
                       -1, "ok.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cs_list_length (m->items), ==, 2);
}

/* A huge bad value or key is quoted only in part: a 10 MB unknown key used to give 20 MB of
 * error output. */
static void
test_long_values_cut (void)
{
  /* the long value goes between each pair's two halves */
  const char *templates[][2] = {
    { "{\"", "\": 1}" },
    { "{\"items\": [{\"category\": \"", "\"}]}" },
    { "{\"documents\": [{\"issued_on\": \"", "\"}]}" },
    { "{\"legs\": [{\"etd\": \"", "\"}]}" },
  };
  g_autofree char *huge = g_strnfill (1000000, 'k');

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strconcat (templates[i][0], huge, templates[i][1], NULL);
      g_autoptr(CsManifest) m = cs_json_load_data (json, -1, "long.json", &error);

      g_assert_null (m);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "long.json:1:"));
      g_assert_nonnull (strstr (error->message, "kkkk"));
      if (strlen (error->message) > 600)
        g_error ("case %u: a message of %zu bytes", i, strlen (error->message));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* A bad character found where JSON syntax was expected is quoted whole, so the message stays
 * valid UTF-8 (it was printed as its first byte). */
static void
test_found_character_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_data ("{\"reference\" 好}", -1, "c.json", &error);

  g_assert_null (m);
  g_assert_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "好"));
}

/* A pipe (or a device) is refused as an input at once: reading one blocked forever. */
static void
test_fifo_refused (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  m = cs_json_load_file (fifo, &error);   /* would block here without the check */
  g_assert_null (m);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, fifo));
  g_clear_error (&error);

  m = cs_json_load_file ("/dev/zero", &error);   /* a device would never end */
  g_assert_null (m);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);

  m = cs_json_load_file (dir, &error);
  g_assert_null (m);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, dir));
  cs_test_remove_tree (dir);
}

/* A file that shrinks or grows while it is read is a clear error, never a signal (it was read
 * through a mapping: a shrinking file killed the process with SIGBUS). The file is changed from
 * inside the read through the test hook, between the size check and the read. */
static void
shrink_hook (const char *path,
             gpointer    data)
{
  g_assert_cmpint (truncate (path, GPOINTER_TO_INT (data)), ==, 0);
}

static void
grow_hook (const char *path,
           gpointer    data)
{
  FILE *fp = fopen (path, "a");

  g_assert_nonnull (fp);
  fputs ("\n\n\n", fp);
  fclose (fp);
}

static void
test_file_changes_while_read (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.json", NULL);
  g_autofree char *src = cs_test_fixture_path ("railsea-electronics.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &text, &len, NULL));
  g_assert_true (g_file_set_contents (path, text, len, NULL));

  _cs_read_file_test_hook = shrink_hook;
  _cs_read_file_test_data = GINT_TO_POINTER (100);
  m = cs_json_load_file (path, &error);
  g_assert_null (m);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, text, len, NULL));
  _cs_read_file_test_hook = grow_hook;
  m = cs_json_load_file (path, &error);
  g_assert_null (m);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_IO);
  g_clear_error (&error);

  /* Unchanged, it reads. */
  _cs_read_file_test_hook = NULL;
  m = cs_json_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  cs_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/json/round-trip/example", "railsea-electronics.json", test_round_trip);
  g_test_add_data_func ("/json/round-trip/every-field", "every-field.json", test_round_trip);
  g_test_add_func ("/json/every-field-is-set", test_every_field_is_set);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/json/bad/%s", bad_cases[i].name);
      g_test_add_data_func (name, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/json/vin-containers-written", test_vin_containers_written);
  g_test_add_func ("/json/null-is-absent", test_null_is_absent);
  g_test_add_func ("/json/missing-file", test_missing_file);
  g_test_add_func ("/json/numbers", test_numbers);
  g_test_add_func ("/json/check-depth", test_check_depth);
  for (guint i = 0; i < G_N_ELEMENTS (dup_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/json/duplicate-key/%s", dup_cases[i].name);
      g_test_add_data_func (name, &dup_cases[i], test_duplicate_key);
    }
  g_test_add_func ("/json/same-key-other-objects", test_same_key_other_objects);
  g_test_add_func ("/json/long-values-cut", test_long_values_cut);
  g_test_add_func ("/json/found-character-utf8", test_found_character_utf8);
  g_test_add_func ("/json/fifo-refused", test_fifo_refused);
  g_test_add_func ("/json/file-changes-while-read", test_file_changes_while_read);

  return g_test_run ();
}
