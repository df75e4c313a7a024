/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-catalog.c: the built-in catalog, iso-codes, overrides and the picker lists */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cs-catalog.h"
#include "cs-finding.h"
#include "cs-record.h"
#include "cs-test-util.h"

static CsCatalog *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  CsCatalog *catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  g_assert_cmpuint (cs_catalog_get_warnings (catalog)->len, ==, 0);
  return catalog;
}

static void
test_builtin_lookups (void)
{
  g_autoptr(CsCatalog) cat = load_default ();
  const CsCorridor *c;
  const CsLocode *l;
  const CsSizeType *st;
  const CsReeferBand *b;
  const CsHsEntry *h;
  guint n;

  /* every corridor Consign ships with */
  cs_catalog_get_corridors (cat, &n);
  g_assert_cmpuint (n, ==, 6);
  c = cs_catalog_get_corridor (cat, "CQ-QZH-RAILSEA");
  g_assert_nonnull (c);
  g_assert_cmpuint (c->n_legs, ==, 2);
  g_assert_cmpstr (c->legs[0].modes[0], ==, "rail");
  g_assert_cmpfloat (c->legs[0].typical_days, ==, 2);
  g_assert_true (g_strv_contains (c->legs[1].to, "SGSIN"));
  for (guint i = 0; c->legs[1].to[i]; i++)
    if (g_str_equal (c->legs[1].to[i], "VNHPH"))
      g_assert_cmpfloat (c->legs[1].to_days[i], ==, 2);
  g_assert_true (c->legs[0].reefer_power);
  c = cs_catalog_get_corridor (cat, "CQ-SHA-RIVERSEA");
  g_assert_false (c->legs[0].reefer_power);
  g_assert_true (c->legs[0].verify);
  g_assert_cmpfloat (c->legs[0].typical_days, ==, 10);
  c = cs_catalog_get_corridor (cat, "ASEAN-CQ-COLDCHAIN");
  g_assert_true (g_strv_contains (c->categories, "perishable"));
  g_assert_false (g_strv_contains (c->categories, "vehicle"));
  g_assert_null (cs_catalog_get_corridor (cat, "NOPE"));

  l = cs_catalog_get_locode (cat, "CNQZH");
  g_assert_cmpstr (l->functions, ==, "123-----");
  g_assert_cmpstr (l->country, ==, "CN");
  l = cs_catalog_get_locode (cat, "CNCKG");
  g_assert_cmpint (l->functions[1], ==, '-');   /* airport only, no rail */
  g_assert_nonnull (cs_catalog_get_locode (cat, "LABTN"));

  g_assert_nonnull (cs_catalog_get_package (cat, "CT"));
  g_assert_nonnull (cs_catalog_get_package (cat, "VN"));
  g_assert_null (cs_catalog_get_package (cat, "XX"));
  g_assert_nonnull (cs_catalog_get_unit (cat, "PCE"));

  st = cs_catalog_get_size_type (cat, "45R1");
  g_assert_true (st->reefer);
  g_assert_cmpfloat (st->tare_kg, ==, 4800);
  g_assert_cmpfloat (st->max_gross_kg, ==, 30480);
  st = cs_catalog_get_size_type (cat, "22G1");
  g_assert_false (st->reefer);
  g_assert_cmpfloat (st->tare_kg, ==, 2300);

  b = cs_catalog_get_reefer_band (cat, "Apples");
  g_assert_nonnull (b);
  g_assert_cmpfloat (b->min_c, ==, -1);
  g_assert_cmpfloat (b->max_c, ==, 4);
  g_assert_cmpstr (b->ethylene, ==, "producer");
  g_assert_true (b == cs_catalog_get_reefer_band_for_hs (cat, "0808100000"));
  b = cs_catalog_get_reefer_band (cat, "cut_flowers");
  g_assert_cmpstr (b->ethylene, ==, "sensitive");
  b = cs_catalog_get_reefer_band (cat, "tea");
  g_assert_false (b->reefer);
  b = cs_catalog_get_reefer_band_for_hs (cat, "030617");
  g_assert_true (b->frozen);
  g_assert_cmpfloat (b->max_c, ==, -18);

  h = cs_catalog_get_hs_chapter (cat, 87);
  g_assert_nonnull (h);
  g_assert_nonnull (h->title_zh);
  g_assert_null (cs_catalog_get_hs_chapter (cat, 77));
  for (int ch = 1; ch <= 97; ch++)
    if (ch != 77)
      g_assert_nonnull (cs_catalog_get_hs_chapter (cat, ch));
  h = cs_catalog_get_hs_heading (cat, "8703801090");
  g_assert_cmpstr (h->code, ==, "8703801090");
  h = cs_catalog_get_hs_heading (cat, "8703802000");
  g_assert_cmpstr (h->code, ==, "870380");
  g_assert_true (g_strv_contains (cs_catalog_hs_categories (cat, "847130"), "electronics"));
  g_assert_false (g_strv_contains (cs_catalog_hs_categories (cat, "0902"), "perishable"));

  g_assert_true (cs_catalog_get_incoterm (cat, "FOB")->sea_only);
  g_assert_false (cs_catalog_get_incoterm (cat, "FCA")->sea_only);
  g_assert_nonnull (cs_catalog_get_document_kind (cat, "form_e"));
  g_assert_true (g_strv_contains (cs_catalog_get_preference (cat, "ACFTA")->members, "LA"));
  g_assert_false (g_strv_contains (cs_catalog_get_preference (cat, "ACFTA")->members, "JP"));
  g_assert_true (g_strv_contains (cs_catalog_get_preference (cat, "RCEP")->members, "JP"));
  g_assert_cmpfloat (cs_catalog_get_param (cat, "frozen_ceiling_c", 0), ==, -18);
  g_assert_cmpfloat (cs_catalog_get_param (cat, "no_such_param", 42), ==, 42);
  g_assert_nonnull (cs_catalog_get_rule_title (cat, "container.check_digit"));
  g_assert_false (cs_catalog_get_rule_severity (cat, "container.check_digit", NULL));
}

static void
test_iso_codes (void)
{
  g_autoptr(CsCatalog) cat = load_default ();
  const CsCountry *c = cs_catalog_get_country (cat, "VN");
  const CsCurrency *cur;

  g_assert_nonnull (c);
  g_assert_cmpstr (c->alpha3, ==, "VNM");
  g_assert_cmpstr (c->name_en, ==, "Viet Nam");
  /* zh_CN names come from iso-codes' own translation */
  g_assert_cmpstr (cs_catalog_get_country (cat, "CN")->name_zh, ==, "中国");
  g_assert_null (cs_catalog_get_country (cat, "XX"));

  cur = cs_catalog_get_currency (cat, "VND");
  g_assert_nonnull (cur);
  g_assert_cmpint (cur->minor_units, ==, 0);
  g_assert_cmpint (cs_catalog_get_currency (cat, "USD")->minor_units, ==, 2);
  g_assert_cmpint (cs_catalog_get_currency (cat, "KWD")->minor_units, ==, 3);
  g_assert_null (cs_catalog_get_currency (cat, "XYZ"));
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_overrides (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCatalog) cat = NULL;
  GPtrArray *warnings;
  int sev = 99;

  g_assert_no_error (error);
  /* merge by id: a severity override, a new LOCODE, a changed band, a removed package */
  write_file (dir, "rules.json",
              "{\"entries\": [{\"id\": \"container.seal\", \"severity\": \"error\"},\n"
              "              {\"id\": \"item.value\", \"severity\": \"off\"}]}");
  write_file (dir, "locodes.json",
              "{\"entries\": [{\"id\": \"CNXYZ\", \"name\": \"Test town\", \"functions\": \"--3-----\"},\n"
              "              {\"id\": \"CNQZH\", \"name_zh\": \"钦州港\"}]}");
  write_file (dir, "packages.json", "{\"entries\": [{\"id\": \"TC\", \"remove\": true}]}");
  /* broken: syntax error on line 3 */
  write_file (dir, "corridors.json", "{\"entries\": [\n  {\"id\": \"X\",\n   \"name\" \"oops\"}\n]}");
  /* well-formed JSON, bad type in one entry: that entry is ignored, the rest is used */
  write_file (dir, "size_types.json",
              "{\"entries\": [{\"id\": \"45G1\", \"tare_kg\": \"heavy\"},\n"
              "              {\"id\": \"22G1\", \"max_gross_kg\": 32500}]}");
  /* not an object with entries */
  write_file (dir, "units.json", "[1, 2, 3]");

  cat = cs_catalog_new_full (NULL, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cat);

  g_assert_true (cs_catalog_get_rule_severity (cat, "container.seal", &sev));
  g_assert_cmpint (sev, ==, CS_SEVERITY_ERROR);
  g_assert_true (cs_catalog_get_rule_severity (cat, "item.value", &sev));
  g_assert_cmpint (sev, ==, -1);
  g_assert_nonnull (cs_catalog_get_rule_title (cat, "container.seal"));   /* merged, title kept */
  g_assert_cmpstr (cs_catalog_get_locode (cat, "CNXYZ")->name, ==, "Test town");
  g_assert_cmpstr (cs_catalog_get_locode (cat, "CNQZH")->name_zh, ==, "钦州港");
  g_assert_cmpstr (cs_catalog_get_locode (cat, "CNQZH")->functions, ==, "123-----");
  g_assert_null (cs_catalog_get_package (cat, "TC"));
  g_assert_nonnull (cs_catalog_get_package (cat, "CT"));
  /* the broken corridor file is ignored entirely: built-ins stay */
  g_assert_nonnull (cs_catalog_get_corridor (cat, "CQ-QZH-RAILSEA"));
  g_assert_null (cs_catalog_get_corridor (cat, "X"));
  g_assert_cmpfloat (cs_catalog_get_size_type (cat, "45G1")->tare_kg, ==, 3940);
  g_assert_cmpfloat (cs_catalog_get_size_type (cat, "22G1")->max_gross_kg, ==, 32500);
  g_assert_nonnull (cs_catalog_get_unit (cat, "PCE"));

  warnings = cs_catalog_get_warnings (cat);
  g_assert_cmpuint (warnings->len, ==, 3);
  {
    g_autofree char *corr = g_build_filename (dir, "corridors.json:3:", NULL);
    gboolean seen_corr = FALSE, seen_size = FALSE, seen_units = FALSE;

    for (guint i = 0; i < warnings->len; i++)
      {
        const char *w = warnings->pdata[i];

        g_test_message ("warning: %s", w);
        seen_corr |= g_str_has_prefix (w, corr);
        seen_size |= strstr (w, "size_types.json") != NULL && strstr (w, "45G1") != NULL &&
                     strstr (w, "tare_kg") != NULL;
        seen_units |= strstr (w, "units.json") != NULL;
      }
    g_assert_true (seen_corr);
    g_assert_true (seen_size);
    g_assert_true (seen_units);
  }

  cs_test_remove_tree (dir);
}

static void
test_builtin_dir_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCatalog) cat = NULL;

  /* an empty built-in folder: a clear error naming the missing file */
  cat = cs_catalog_new_from_dir (dir, &error);
  g_assert_null (cat);
  g_assert_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, ".json"));
  g_clear_error (&error);

  /* iso-codes missing */
  cat = cs_catalog_new_full (NULL, NULL, dir, &error);
  g_assert_null (cat);
  g_assert_error (error, CS_CATALOG_ERROR, CS_CATALOG_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "iso_3166-1.json"));
  cs_test_remove_tree (dir);
}

static void
test_lists (void)
{
  g_autoptr(CsCatalog) cat = load_default ();
  const char *kinds[] = { "corridors", "locodes", "packages", "units", "size_types", "hs_chapters",
                          "hs_headings", "documents", "incoterms", "currencies", "countries",
                          "reefer_bands", "rules" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GListModel) model = cs_catalog_list (cat, kinds[i]);
      g_autoptr(CsCatalogEntry) first = NULL;
      g_autofree char *code = NULL;

      g_assert_nonnull (model);
      g_assert_true (g_list_model_get_item_type (model) == CS_TYPE_CATALOG_ENTRY);
      g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
      first = g_list_model_get_item (model, 0);
      g_object_get (first, "code", &code, NULL);
      g_assert_cmpstr (code, ==, cs_catalog_entry_get_code (first));
      g_assert_cmpstr (code, !=, "");
    }
  {
    g_autoptr(GListModel) chapters = cs_catalog_list (cat, "hs_chapters");
    g_autoptr(GListModel) again = cs_catalog_list (cat, "hs_chapters");
    g_autoptr(GListModel) countries = cs_catalog_list (cat, "countries");
    g_autoptr(CsCatalogEntry) e = g_list_model_get_item (chapters, 0);
    g_autofree char *zh = NULL;

    g_assert_true (chapters == again);
    g_assert_cmpuint (g_list_model_get_n_items (chapters), ==, 96);
    g_object_get (e, "name-zh", &zh, NULL);
    g_assert_cmpstr (zh, ==, "活动物");
    g_assert_cmpuint (g_list_model_get_n_items (countries), >=, 249);
  }
  g_assert_null (cs_catalog_list (cat, "nonsense"));
  g_assert_null (cs_catalog_list (cat, "hs_chapters+hs_headings"));
}

/* Each CsCatalogList value has its list, the same one its name finds; the lists differ. */
static void
test_lists_by_enum (void)
{
  g_autoptr(CsCatalog) cat = load_default ();
  g_autoptr(GEnumClass) klass = g_type_class_ref (CS_TYPE_CATALOG_LIST);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (klass->n_values, ==, 13);
  for (guint i = 0; i < klass->n_values; i++)
    {
      GListModel *model = cs_catalog_get_list (cat, klass->values[i].value);
      g_autoptr(GListModel) by_name = cs_catalog_list (cat, klass->values[i].value_nick);

      g_test_message ("%s", klass->values[i].value_nick);
      g_assert_true (model == by_name);
      g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
      g_assert_false (g_ptr_array_find (seen, model, NULL));
      g_ptr_array_add (seen, model);
    }
  {
    g_autoptr(GListModel) units = cs_catalog_get_list (cat, CS_CATALOG_LIST_UNITS);
    g_autoptr(CsCatalogEntry) e = g_list_model_get_item (units, 0);

    g_assert_nonnull (cs_catalog_get_unit (cat, cs_catalog_entry_get_code (e)));
  }
}

/* A crafted override nested a million levels deep: json-glib's recursive parser would run out of
 * stack; the file is refused with its place, like any broken override, and the built-ins stay. */
static void
test_override_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autoptr(CsCatalog) cat = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"entries\": [{\"id\": \"CNXYZ\", \"note\": ");
  const guint levels = 1000000;
  GPtrArray *warnings;
  gboolean named = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < levels; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}]}");
  write_file (dir, "locodes.json", deep->str);

  cat = cs_catalog_new_full (NULL, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cs_catalog_get_locode (cat, "CNQZH"));
  g_assert_null (cs_catalog_get_locode (cat, "CNXYZ"));
  warnings = cs_catalog_get_warnings (cat);
  for (guint i = 0; i < warnings->len; i++)
    {
      g_test_message ("%s", (char *) warnings->pdata[i]);
      named |= strstr (warnings->pdata[i], "locodes.json:1:") != NULL &&
               strstr (warnings->pdata[i], "deep") != NULL;
    }
  g_assert_true (named);
  cs_test_remove_tree (dir);
}

/* The GUI validates in a worker thread while pickers ask for lists: lists built on demand must
 * be built once, whoever asks first, and the same model handed to everyone. */
#define N_LIST_THREADS 8

static const char * const list_kinds[] = {
  "corridors", "locodes", "packages", "units", "size_types", "hs_chapters", "hs_headings",
  "documents", "incoterms", "currencies", "countries", "reefer_bands", "rules",
};

typedef struct
{
  CsCatalog  *catalog;
  gint       *go;
  GListModel *got[G_N_ELEMENTS (list_kinds)];
} ListThread;

static gpointer
list_thread (gpointer data)
{
  ListThread *t = data;

  while (!g_atomic_int_get (t->go))
    ;
  for (guint k = 0; k < G_N_ELEMENTS (list_kinds); k++)
    {
      t->got[k] = cs_catalog_list (t->catalog, list_kinds[k]);
      /* lookups of the read-only tables at the same time */
      g_assert_nonnull (cs_catalog_get_locode (t->catalog, "CNQZH"));
      g_assert_nonnull (cs_catalog_get_country (t->catalog, "VN"));
    }
  return NULL;
}

static void
test_lists_threads (void)
{
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(CsCatalog) cat = load_default ();
      ListThread threads[N_LIST_THREADS];
      GThread *ids[N_LIST_THREADS];
      gint go = 0;

      for (guint i = 0; i < N_LIST_THREADS; i++)
        {
          threads[i] = (ListThread) { cat, &go, { NULL } };
          ids[i] = g_thread_new ("lists", list_thread, &threads[i]);
        }
      g_atomic_int_set (&go, 1);
      for (guint i = 0; i < N_LIST_THREADS; i++)
        g_thread_join (ids[i]);
      for (guint k = 0; k < G_N_ELEMENTS (list_kinds); k++)
        {
          g_autoptr(GListModel) again = cs_catalog_list (cat, list_kinds[k]);

          g_assert_nonnull (again);
          for (guint i = 0; i < N_LIST_THREADS; i++)
            {
              g_assert_true (threads[i].got[k] == again);
              g_object_unref (threads[i].got[k]);
            }
        }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/catalog/builtin", test_builtin_lookups);
  g_test_add_func ("/catalog/iso-codes", test_iso_codes);
  g_test_add_func ("/catalog/overrides", test_overrides);
  g_test_add_func ("/catalog/override-deep-nesting", test_override_deep_nesting);
  g_test_add_func ("/catalog/errors", test_builtin_dir_errors);
  g_test_add_func ("/catalog/lists", test_lists);
  g_test_add_func ("/catalog/lists-by-enum", test_lists_by_enum);
  g_test_add_func ("/catalog/lists-threads", test_lists_threads);
  return g_test_run ();
}
