/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-path.c: JSON paths of fields (cs-path.h): taken apart, put together, resolved
 *
 * Paths as findings write them ("items[3].vehicle.vins[1]") resolve to the record holding the
 * field, the field and the element; malformed paths, unknown fields, absent blocks and indexes
 * past the end resolve to nothing. The dotted relative paths of the field rows find their leaf
 * by type, their record, and create missing blocks on the way.
 */

#include "config.h"

#include "cs-path.h"
#include "cs-test-util.h"

static void
test_parse_build (void)
{
  const char *good[] = {
    "reference", "items[3]", "items[3].vehicle.vins[2]", "parties.shipper.name",
    "containers[12].seals[0]", "items[2147483647]",
  };
  const char *bad[] = {
    "", ".", "items.", ".items", "items..line", "items[", "items[]", "items[x]", "items[3",
    "items[3]x", "items[3]]", "items]3[", "items[-1]", "items[2147483648]", "items[3][4]",
    "a]b",
  };
  g_autoptr(GArray) steps = cs_path_parse ("items[3].vehicle.vins[2]");
  CsPathStep *s;

  g_assert_nonnull (steps);
  g_assert_cmpuint (steps->len, ==, 3);
  s = &g_array_index (steps, CsPathStep, 0);
  g_assert_cmpstr (s[0].name, ==, "items");
  g_assert_cmpint (s[0].index, ==, 3);
  g_assert_cmpstr (s[1].name, ==, "vehicle");
  g_assert_cmpint (s[1].index, ==, -1);
  g_assert_cmpstr (s[2].name, ==, "vins");
  g_assert_cmpint (s[2].index, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GArray) p = cs_path_parse (good[i]);
      g_autofree char *back = NULL;

      g_assert_nonnull (p);
      back = cs_path_build ((CsPathStep *) (void *) p->data, p->len);
      g_assert_cmpstr (back, ==, good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GArray) p = cs_path_parse (bad[i]);

      if (p != NULL)
        g_error ("“%s” should not parse", bad[i]);
    }
}

static void
test_element (void)
{
  guint index = 99;
  const char *rest = NULL;

  g_assert_true (cs_path_element ("items[3].vehicle.vins[2]", "items", &index, &rest));
  g_assert_cmpuint (index, ==, 3);
  g_assert_cmpstr (rest, ==, "vehicle.vins[2]");
  g_assert_true (cs_path_element ("containers[10]", "containers", &index, &rest));
  g_assert_cmpuint (index, ==, 10);
  g_assert_cmpstr (rest, ==, "");
  g_assert_true (cs_path_element ("legs[0].vessel", "legs", &index, NULL));
  g_assert_cmpuint (index, ==, 0);

  index = 99;
  g_assert_false (cs_path_element ("items[3]", "containers", &index, &rest));
  g_assert_false (cs_path_element ("itemsx[3]", "items", &index, &rest));
  g_assert_false (cs_path_element ("items", "items", &index, &rest));
  g_assert_false (cs_path_element ("items[]", "items", &index, &rest));
  g_assert_false (cs_path_element ("items[3x]", "items", &index, &rest));
  g_assert_false (cs_path_element ("items[3]x", "items", &index, &rest));
  g_assert_false (cs_path_element ("items[99999999999]", "items", &index, &rest));
  g_assert_cmpuint (index, ==, 99);
}

static void
test_lookup (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsItem *item3 = CS_MANIFEST_ITEM (m, 3);
  CsContainer *c0 = CS_MANIFEST_CONTAINER (m, 0);
  CsRecord *rec = NULL;
  const CsField *field = NULL;
  int index = 0;
  const char *none[] = {
    "items[3].vehicle.vins[2]",       /* two VINs */
    "items[7].line",                  /* seven items */
    "items[0].vehicle.make",          /* no vehicle block */
    "items[3].nonsense",
    "items[3].line[0]",               /* not a list */
    "items.line",                     /* a list without index */
    "items[3].vehicle[0]",
    "items[3]x",
  };

  g_assert_true (cs_path_lookup (CS_RECORD (m), "items[3].vehicle.vins[1]", &rec, &field, &index));
  g_assert_true (rec == CS_RECORD (item3->vehicle));
  g_assert_cmpstr (field->name, ==, "vins");
  g_assert_cmpint (index, ==, 1);

  g_assert_true (cs_path_lookup (CS_RECORD (m), "items[3]", &rec, &field, &index));
  g_assert_true (rec == CS_RECORD (m));
  g_assert_cmpstr (field->name, ==, "items");
  g_assert_cmpint (index, ==, 3);

  g_assert_true (cs_path_lookup (CS_RECORD (m), "items[3].gross_kg", &rec, &field, &index));
  g_assert_true (rec == CS_RECORD (item3));
  g_assert_cmpstr (field->name, ==, "gross_kg");
  g_assert_cmpint (index, ==, -1);

  g_assert_true (cs_path_lookup (CS_RECORD (m), "containers[0].seals[0]", &rec, &field, &index));
  g_assert_true (rec == CS_RECORD (c0));
  g_assert_cmpstr (field->name, ==, "seals");
  g_assert_cmpint (index, ==, 0);

  g_assert_true (cs_path_lookup (CS_RECORD (m), "parties.shipper.name", &rec, &field, &index));
  g_assert_true (rec == CS_RECORD (m->parties->shipper));
  g_assert_cmpstr (field->name, ==, "name");

  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    if (cs_path_lookup (CS_RECORD (m), none[i], &rec, &field, &index))
      g_error ("“%s” should not resolve", none[i]);
}

static void
test_dotted (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsItem *item0 = CS_MANIFEST_ITEM (m, 0);
  const CsField *f;
  CsRecord *rec;

  f = cs_path_leaf_field (CS_TYPE_ITEM, "vehicle.make");
  g_assert_nonnull (f);
  g_assert_cmpstr (f->name, ==, "make");
  g_assert_null (cs_path_leaf_field (CS_TYPE_ITEM, "vehicle.nonsense"));
  g_assert_null (cs_path_leaf_field (CS_TYPE_ITEM, "line.make"));

  g_assert_true (cs_path_resolve (CS_RECORD (item0), "gross_kg") == CS_RECORD (item0));
  g_assert_null (item0->vehicle);
  g_assert_null (cs_path_resolve (CS_RECORD (item0), "vehicle.make"));
  rec = cs_path_ensure (CS_RECORD (item0), "vehicle.make");
  g_assert_nonnull (item0->vehicle);
  g_assert_true (rec == CS_RECORD (item0->vehicle));
  g_assert_true (cs_path_resolve (CS_RECORD (item0), "vehicle.make") == rec);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/path/parse-build", test_parse_build);
  g_test_add_func ("/path/element", test_element);
  g_test_add_func ("/path/lookup", test_lookup);
  g_test_add_func ("/path/dotted", test_dotted);
  return g_test_run ();
}
