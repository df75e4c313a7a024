/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-merge.c: two clerks' edits of one draft put together */

#include "config.h"

#include <string.h>

#include "cs-json.h"
#include "cs-merge.h"

/* The example draft (three lines in two containers), as a JSON tree to edit. */
static JsonNode *
example_tree (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "railsea-electronics.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static CsManifest *
manifest_of (JsonNode *tree)
{
  g_autofree char *text = json_to_string (tree, FALSE);
  g_autoptr(GError) error = NULL;
  CsManifest *m = cs_json_load_data (text, -1, "test", &error);

  g_assert_no_error (error);
  return m;
}

static JsonObject *
root (JsonNode *tree)
{
  return json_node_get_object (tree);
}

static JsonArray *
items (JsonNode *tree)
{
  return json_object_get_array_member (root (tree), "items");
}

static JsonObject *
item (JsonNode *tree,
      guint     i)
{
  return json_array_get_object_element (items (tree), i);
}

static JsonObject *
consignee (JsonNode *tree)
{
  return json_object_get_object_member (json_object_get_object_member (root (tree), "parties"), "consignee");
}

typedef struct
{
  JsonNode  *base, *ours, *theirs;
  GPtrArray *conflicts;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->base = example_tree ();
  f->ours = example_tree ();
  f->theirs = example_tree ();
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  json_node_unref (f->base);
  json_node_unref (f->ours);
  json_node_unref (f->theirs);
  g_clear_pointer (&f->conflicts, g_ptr_array_unref);
}

static CsManifest *
merge (Fixture      *f,
       CsMergePrefer prefer)
{
  g_autoptr(CsManifest) b = manifest_of (f->base);
  g_autoptr(CsManifest) o = manifest_of (f->ours);
  g_autoptr(CsManifest) t = manifest_of (f->theirs);
  g_autoptr(GError) error = NULL;
  CsManifest *merged;

  g_clear_pointer (&f->conflicts, g_ptr_array_unref);
  merged = cs_manifest_merge (b, o, t, prefer, &f->conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_nonnull (f->conflicts);
  return merged;
}

/* Edits of different values are all kept, whatever the preference. */
static void
test_merge_disjoint (Fixture      *f,
                     gconstpointer data)
{
  json_object_set_string_member (consignee (f->ours), "name", "Hai Phong Industrial Equipment JSC (HP branch)");
  json_object_set_double_member (item (f->theirs, 1), "gross_kg", 5150.5);
  json_object_set_string_member (root (f->theirs), "notes", "Cut-off moved to Friday");

  for (int prefer = CS_MERGE_PREFER_OURS; prefer <= CS_MERGE_PREFER_THEIRS; prefer++)
    {
      g_autoptr(CsManifest) m = merge (f, (CsMergePrefer) prefer);

      g_assert_cmpuint (f->conflicts->len, ==, 0);
      g_assert_cmpstr (m->parties->consignee->name, ==,
                       "Hai Phong Industrial Equipment JSC (HP branch)");
      g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 1)->gross_kg, ==, 5150.5);
      g_assert_cmpstr (m->notes, ==, "Cut-off moved to Friday");
      g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, 3);
    }
}

/* One value changed two ways: a conflict naming the place and the three values; the preferred
 * side's value is taken. */
static void
test_merge_conflict (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(CsManifest) ours = NULL;
  g_autoptr(CsManifest) theirs = NULL;
  CsMergeConflict *c;

  json_object_set_double_member (item (f->ours, 2), "gross_kg", 1200);
  json_object_set_double_member (item (f->theirs, 2), "gross_kg", 1250);
  json_object_set_string_member (consignee (f->theirs), "city", "Hai Phong");

  ours = merge (f, CS_MERGE_PREFER_OURS);
  g_assert_cmpuint (f->conflicts->len, ==, 1);
  c = f->conflicts->pdata[0];
  g_assert_cmpstr (c->path, ==, "items[2].gross_kg");
  g_assert_cmpstr (c->ours, ==, "1200");
  g_assert_cmpstr (c->theirs, ==, "1250");
  g_assert_nonnull (c->base);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (ours, 2)->gross_kg, ==, 1200);
  /* their other change is kept either way */
  g_assert_cmpstr (ours->parties->consignee->city, ==, "Hai Phong");

  theirs = merge (f, CS_MERGE_PREFER_THEIRS);
  g_assert_cmpuint (f->conflicts->len, ==, 1);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (theirs, 2)->gross_kg, ==, 1250);
}

/* Lines are matched by their number, not their position: a line deleted on one side and a later
 * line changed on the other both take effect; lines added on both sides are all kept. */
static void
test_merge_lines_by_number (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(CsManifest) m = NULL;
  JsonObject *added_ours = json_object_new ();
  JsonObject *added_theirs = json_object_new ();

  json_array_remove_element (items (f->ours), 1);                       /* ours: line 2 out */
  json_object_set_string_member (item (f->theirs, 2), "description", "Docking stations, USB-C");
  json_object_set_int_member (added_ours, "line", 4);
  json_object_set_string_member (added_ours, "description", "Spare batteries");
  json_array_add_object_element (items (f->ours), added_ours);
  json_object_set_int_member (added_theirs, "line", 5);
  json_object_set_string_member (added_theirs, "description", "Laptop bags");
  json_array_add_object_element (items (f->theirs), added_theirs);

  m = merge (f, CS_MERGE_PREFER_OURS);
  g_assert_cmpuint (f->conflicts->len, ==, 0);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, 4);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 0)->line, ==, 1);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 1)->line, ==, 3);
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 1)->description, ==, "Docking stations, USB-C");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 2)->line, ==, 4);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 3)->line, ==, 5);
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 3)->description, ==, "Laptop bags");
}

/* A line one clerk deleted and the other changed is a conflict: kept with their change, or gone. */
static void
test_merge_delete_change (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(CsManifest) ours = NULL;
  g_autoptr(CsManifest) theirs = NULL;
  CsMergeConflict *c;

  json_array_remove_element (items (f->ours), 1);
  json_object_set_double_member (item (f->theirs, 1), "gross_kg", 99);

  ours = merge (f, CS_MERGE_PREFER_OURS);
  g_assert_cmpuint (f->conflicts->len, ==, 1);
  c = f->conflicts->pdata[0];
  g_assert_cmpstr (c->path, ==, "items[1]");
  g_assert_null (c->ours);
  g_assert_nonnull (strstr (c->theirs, "\"line\":2"));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (ours), ==, 2);

  theirs = merge (f, CS_MERGE_PREFER_THEIRS);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (theirs), ==, 3);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (theirs, 1)->line, ==, 2);
}

/* Containers are matched by number; a list of plain values (seals) is one value. */
static void
test_merge_containers (Fixture      *f,
                       gconstpointer data)
{
  JsonArray *containers_ours = json_object_get_array_member (root (f->ours), "containers");
  JsonArray *containers_theirs = json_object_get_array_member (root (f->theirs), "containers");
  JsonObject *first_ours = json_array_get_object_element (containers_ours, 0);
  JsonObject *first_theirs = json_array_get_object_element (containers_theirs, 0);
  JsonArray *seals_ours = json_array_new ();
  JsonArray *seals_theirs = json_array_new ();
  g_autoptr(CsManifest) m = NULL;
  CsMergeConflict *c;

  /* theirs reorders the containers: no change to merge */
  g_autoptr(JsonNode) moved = json_array_dup_element (containers_theirs, 0);
  json_array_remove_element (containers_theirs, 0);
  json_array_add_element (containers_theirs, g_steal_pointer (&moved));
  first_theirs = json_array_get_object_element (containers_theirs, 1);
  json_array_add_string_element (seals_ours, "CN2604881");
  json_array_add_string_element (seals_ours, "CN2604882");
  json_array_add_string_element (seals_theirs, "CN2609999");
  json_object_set_array_member (first_ours, "seals", seals_ours);
  json_object_set_array_member (first_theirs, "seals", seals_theirs);
  json_object_set_int_member (first_theirs, "vgm_kg", 10150);

  m = merge (f, CS_MERGE_PREFER_THEIRS);
  g_assert_cmpuint (f->conflicts->len, ==, 1);
  c = f->conflicts->pdata[0];
  g_assert_cmpstr (c->path, ==, "containers[0].seals");
  g_assert_cmpstr (c->ours, ==, "[\"CN2604881\",\"CN2604882\"]");
  g_assert_cmpstr (c->theirs, ==, "[\"CN2609999\"]");
  g_assert_cmpstr (CS_MANIFEST_CONTAINER (m, 0)->number, ==, "OOLU8832107");
  g_assert_cmpstr (CS_MANIFEST_CONTAINER (m, 0)->seals[0], ==, "CN2609999");
  g_assert_cmpfloat (CS_MANIFEST_CONTAINER (m, 0)->vgm_kg, ==, 10150);
}

static JsonArray *
tagged_vins (const char *first_box)
{
  JsonArray *vins = json_array_new ();
  JsonObject *tagged = json_object_new ();

  json_object_set_string_member (tagged, "vin", "LJCPCBLCX11000237");
  json_object_set_string_member (tagged, "container", first_box);
  json_array_add_object_element (vins, tagged);
  json_array_add_string_element (vins, "1M8GDM9AXKP042788");
  return vins;
}

/* VINs and the containers they travel in are one value: taken together from the side that
 * changed them, and one conflict (with the containers in its text) when both did. */
static void
test_merge_vins (Fixture      *f,
                 gconstpointer data)
{
  JsonObject *vehicle = json_object_new ();
  g_autoptr(CsManifest) m = NULL;
  CsMergeConflict *c;
  CsVehicle *v;

  json_object_set_array_member (vehicle, "vins", tagged_vins ("OOLU8832107"));
  json_object_set_object_member (item (f->theirs, 0), "vehicle", vehicle);
  json_object_set_string_member (item (f->ours, 0), "description", "Laptops, 14 inch");
  m = merge (f, CS_MERGE_PREFER_OURS);
  g_assert_cmpuint (f->conflicts->len, ==, 0);
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 0)->description, ==, "Laptops, 14 inch");
  v = CS_MANIFEST_ITEM (m, 0)->vehicle;
  g_assert_nonnull (v);
  g_assert_cmpstr (v->vins[0], ==, "LJCPCBLCX11000237");
  g_assert_cmpstr (v->vins[1], ==, "1M8GDM9AXKP042788");
  g_assert_cmpstr (cs_tagged_container ((const char * const *) v->vin_containers, 0), ==, "OOLU8832107");
  g_assert_null (cs_tagged_container ((const char * const *) v->vin_containers, 1));
  g_clear_object (&m);

  /* the same VINs in another container on our side: one conflict, about the list */
  vehicle = json_object_new ();
  json_object_set_array_member (vehicle, "vins", tagged_vins ("TGHU1234567"));
  json_object_set_object_member (item (f->ours, 0), "vehicle", vehicle);
  m = merge (f, CS_MERGE_PREFER_THEIRS);
  g_assert_cmpuint (f->conflicts->len, ==, 1);
  c = f->conflicts->pdata[0];
  g_assert_cmpstr (c->path, ==, "items[0].vehicle.vins");
  g_assert_null (c->base);
  g_assert_nonnull (strstr (c->ours, "\"container\":\"TGHU1234567\""));
  g_assert_nonnull (strstr (c->theirs, "\"container\":\"OOLU8832107\""));
  v = CS_MANIFEST_ITEM (m, 0)->vehicle;
  g_assert_cmpstr (cs_tagged_container ((const char * const *) v->vin_containers, 0), ==, "OOLU8832107");
}

/* What one side changed, as paths in document order, field by field (lists by position). */
static void
test_changed_paths (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(CsManifest) b = NULL;
  g_autoptr(CsManifest) t = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) first = NULL;
  JsonObject *vehicle = json_object_new ();

  json_object_set_string_member (consignee (f->theirs), "city", "Hai Phong (Dinh Vu)");
  json_object_set_double_member (item (f->theirs, 1), "gross_kg", 5150.5);
  json_object_set_array_member (vehicle, "vins", tagged_vins ("OOLU8832107"));
  json_object_set_object_member (item (f->theirs, 2), "vehicle", vehicle);
  json_object_set_string_member (root (f->theirs), "notes", "Cut-off moved to Friday");
  b = manifest_of (f->base);
  t = manifest_of (f->theirs);
  paths = cs_manifest_changed_paths (b, t, 100);
  g_assert_cmpuint (paths->len, ==, 4);
  g_assert_cmpstr (paths->pdata[0], ==, "parties.consignee.city");
  g_assert_cmpstr (paths->pdata[1], ==, "items[1].gross_kg");
  g_assert_cmpstr (paths->pdata[2], ==, "items[2].vehicle");
  g_assert_cmpstr (paths->pdata[3], ==, "notes");
  first = cs_manifest_changed_paths (b, t, 1);
  g_assert_cmpuint (first->len, ==, 1);
  g_clear_pointer (&paths, g_ptr_array_unref);
  paths = cs_manifest_changed_paths (b, b, 100);
  g_assert_cmpuint (paths->len, ==, 0);
}

/* A draft of @n lines (copies of the example's first line, numbered 1 to @n). */
static void
make_lines (JsonNode *tree,
            guint     n)
{
  JsonArray *list = items (tree);
  g_autofree char *first = json_to_string (json_array_get_element (list, 0), FALSE);

  while (json_array_get_length (list) > 0)
    json_array_remove_element (list, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *copy = json_from_string (first, NULL);   /* a deep copy (json_node_copy shares) */

      json_object_set_int_member (json_node_get_object (copy), "line", i + 1);
      json_array_add_element (list, copy);
    }
}

/* @element put first in the items of @tree. */
static void
insert_first (JsonNode   *tree,
              JsonObject *element)
{
  JsonArray *reordered = json_array_new ();
  JsonArray *list = items (tree);

  json_array_add_object_element (reordered, element);
  for (guint i = 0; i < json_array_get_length (list); i++)
    json_array_add_element (reordered, json_array_dup_element (list, i));
  json_object_set_array_member (root (tree), "items", reordered);
}

/* Lines are matched by number in what changed as in the merge: a line inserted at the top by one
 * clerk is one change (not every line after it), and merges cleanly with a field changed in line
 * 500 by the other; a line deleted is one change, named where it was. */
static void
test_changed_paths_insert_top (Fixture      *f,
                               gconstpointer data)
{
  g_autoptr(CsManifest) b = NULL;
  g_autoptr(CsManifest) o = NULL;
  g_autoptr(CsManifest) t = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  JsonObject *inserted = json_object_new ();
  CsChange *c;

  make_lines (f->base, 600);
  make_lines (f->ours, 600);
  make_lines (f->theirs, 600);
  json_object_set_int_member (inserted, "line", 601);
  json_object_set_string_member (inserted, "description", "Spare batteries");
  insert_first (f->ours, inserted);
  json_object_set_double_member (item (f->theirs, 499), "gross_kg", 5150.5);

  m = merge (f, CS_MERGE_PREFER_OURS);
  g_assert_cmpuint (f->conflicts->len, ==, 0);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, 601);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 0)->line, ==, 601);
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 0)->description, ==, "Spare batteries");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 500)->line, ==, 500);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (m, 500)->gross_kg, ==, 5150.5);

  b = manifest_of (f->base);
  o = manifest_of (f->ours);
  t = manifest_of (f->theirs);
  changes = cs_manifest_diff (b, o, 100);
  g_assert_cmpuint (changes->len, ==, 1);
  c = changes->pdata[0];
  g_assert_cmpstr (c->path, ==, "items[0]");
  g_assert_cmpint (c->kind, ==, CS_CHANGE_ADDED);

  paths = cs_manifest_changed_paths (b, t, 100);
  g_assert_cmpuint (paths->len, ==, 1);
  g_assert_cmpstr (paths->pdata[0], ==, "items[499].gross_kg");
  g_clear_pointer (&paths, g_ptr_array_unref);

  /* the merge against what was opened: only the inserted line and line 500 */
  paths = cs_manifest_changed_paths (b, m, 100);
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_cmpstr (paths->pdata[0], ==, "items[0]");
  g_assert_cmpstr (paths->pdata[1], ==, "items[500].gross_kg");
  g_clear_pointer (&paths, g_ptr_array_unref);

  /* line 2 deleted: one change, where it was in the older version */
  g_clear_object (&o);
  json_array_remove_element (items (f->ours), 2);
  o = manifest_of (f->ours);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = cs_manifest_diff (b, o, 100);
  g_assert_cmpuint (changes->len, ==, 2);
  c = changes->pdata[0];
  g_assert_cmpstr (c->path, ==, "items[0]");
  g_assert_cmpint (c->kind, ==, CS_CHANGE_ADDED);
  c = changes->pdata[1];
  g_assert_cmpstr (c->path, ==, "items[1]");
  g_assert_cmpint (c->kind, ==, CS_CHANGE_REMOVED);
}

/* Nothing changed on either side: the same draft, no conflict. */
static void
test_merge_unchanged (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(CsManifest) m = merge (f, CS_MERGE_PREFER_OURS);
  g_autoptr(CsManifest) b = manifest_of (f->base);
  g_autofree char *merged = cs_json_dump (m, NULL);
  g_autofree char *original = cs_json_dump (b, NULL);

  g_assert_cmpuint (f->conflicts->len, ==, 0);
  g_assert_cmpstr (merged, ==, original);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/merge/disjoint", test_merge_disjoint);
  ADD ("/merge/conflict", test_merge_conflict);
  ADD ("/merge/lines-by-number", test_merge_lines_by_number);
  ADD ("/merge/delete-change", test_merge_delete_change);
  ADD ("/merge/containers", test_merge_containers);
  ADD ("/merge/unchanged", test_merge_unchanged);
  ADD ("/merge/vins", test_merge_vins);
  ADD ("/merge/changed-paths", test_changed_paths);
  ADD ("/merge/changed-paths/insert-top", test_changed_paths_insert_top);
  return g_test_run ();
}
