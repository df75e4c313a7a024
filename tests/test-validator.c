/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-validator.c: every rule triggered and not triggered, corridors, overrides, incremental */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cs-json.h"
#include "cs-requirements.h"
#include "cs-validator.h"

static CsCatalog *catalog;
static GDate today;

/* ---- helpers ------------------------------------------------------------------------------- */

static JsonNode *
load_json (const char *rel)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", rel, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static CsManifest *
manifest_from_node (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = json_to_string (root, FALSE);
  CsManifest *m = cs_json_load_data (text, -1, "<test>", &error);

  g_assert_no_error (error);
  return m;
}

static CsManifest *
load_manifest (const char *rel)
{
  g_autoptr(JsonNode) root = load_json (rel);

  return manifest_from_node (root);
}

/* Walks "a.b[2].c" to the parent container of the last step; creates missing objects. */
static void
json_apply (JsonNode   *root,
            const char *path,
            JsonNode   *value)       /* NULL = remove */
{
  g_auto(GStrv) parts = NULL;
  JsonNode *node = root;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  char *p, *spec = g_strdup (path);

  /* split into steps: names and [n] indexes (kept as "[n]") */
  for (p = spec; *p; )
    {
      if (*p == '.')
        p++;
      else if (*p == '[')
        {
          char *end = strchr (p, ']');
          g_ptr_array_add (steps, g_strndup (p, end - p + 1));
          p = end + 1;
        }
      else
        {
          gsize n = strcspn (p, ".[");
          g_ptr_array_add (steps, g_strndup (p, n));
          p += n;
        }
    }
  g_free (spec);

  for (guint i = 0; i < steps->len; i++)
    {
      const char *step = steps->pdata[i];
      gboolean last = i == steps->len - 1;

      if (step[0] == '[')
        {
          JsonArray *a = json_node_get_array (node);
          guint idx = (guint) g_ascii_strtoull (step + 1, NULL, 10);

          if (last)
            {
              if (value == NULL)
                json_array_remove_element (a, idx);
              else if (idx == json_array_get_length (a))
                json_array_add_element (a, json_node_copy (value));
              else
                {
                  /* replace element idx */
                  JsonArray *copy = json_array_new ();
                  for (guint k = 0; k < json_array_get_length (a); k++)
                    json_array_add_element (copy, k == idx ? json_node_copy (value)
                                                           : json_node_copy (json_array_get_element (a, k)));
                  json_node_take_array (node, copy);
                }
              return;
            }
          node = json_array_get_element (a, idx);
        }
      else
        {
          JsonObject *o = json_node_get_object (node);

          if (last)
            {
              if (value == NULL)
                json_object_remove_member (o, step);
              else
                json_object_set_member (o, step, json_node_copy (value));
              return;
            }
          if (!json_object_has_member (o, step))
            json_object_set_object_member (o, step, json_object_new ());
          node = json_object_get_member (o, step);
        }
    }
}

static void
apply_edit (JsonNode   *root,
            JsonObject *edit)
{
  if (edit == NULL)
    return;
  if (json_object_has_member (edit, "set"))
    {
      JsonObject *set = json_object_get_object_member (edit, "set");
      g_autoptr(GList) names = json_object_get_members (set);

      for (GList *l = names; l; l = l->next)
        json_apply (root, l->data, json_object_get_member (set, l->data));
    }
  if (json_object_has_member (edit, "remove"))
    {
      JsonArray *rm = json_object_get_array_member (edit, "remove");

      for (guint i = 0; i < json_array_get_length (rm); i++)
        json_apply (root, json_array_get_string_element (rm, i), NULL);
    }
}

static CsFinding *
find_finding (GPtrArray  *findings,
              const char *rule,
              const char *path)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];

      if (strcmp (f->rule, rule) == 0 && (path == NULL || strcmp (f->path, path) == 0))
        return f;
    }
  return NULL;
}

static guint
count_severity (GPtrArray  *findings,
                CsSeverity  s)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ((CsFinding *) findings->pdata[i])->severity == s;
  return n;
}

static void
dump_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];
      g_test_message ("  %s %s %s: %s", cs_severity_to_string (f->severity), f->rule, f->path,
                      cs_finding_get_message (f));
    }
}

/* ---- the table of rule cases (tests/data/rules/cases.json) --------------------------------- */

static void
test_rule_case (gconstpointer data)
{
  JsonObject *c = (JsonObject *) data;
  const char *rule = json_object_get_string_member (c, "rule");
  const char *path = json_object_get_string_member (c, "path");
  const char *sev_name = json_object_get_string_member (c, "severity");
  const char *base = json_object_get_string_member (c, "base");
  g_autoptr(JsonNode) trig_root = load_json (base);
  g_autoptr(JsonNode) clean_root = load_json (base);
  g_autoptr(CsManifest) trig = NULL, clean = NULL;
  g_autoptr(GPtrArray) found = NULL, clean_found = NULL;
  CsFinding *f;
  CsSeverity sev;

  g_assert_true (cs_severity_from_string (sev_name, &sev));
  g_assert_true (g_strv_contains (cs_rule_ids, rule));

  apply_edit (trig_root, json_object_get_object_member (c, "trigger"));
  trig = manifest_from_node (trig_root);
  found = cs_validate (trig, catalog, &today);
  f = find_finding (found, rule, path);
  if (f == NULL || f->severity != sev)
    dump_findings (found);
  g_assert_nonnull (f);
  g_assert_cmpstr (cs_severity_to_string (f->severity), ==, sev_name);
  g_assert_cmpstr (cs_finding_get_message (f), !=, "");
  g_assert_cmpstr (cs_finding_get_hint (f), !=, "");
  if (json_object_has_member (c, "expect_message"))
    g_assert_cmpstr (cs_finding_get_message (f), ==,
                     json_object_get_string_member (c, "expect_message"));

  if (json_object_has_member (c, "clean"))
    apply_edit (clean_root, json_object_get_object_member (c, "clean"));
  clean = manifest_from_node (clean_root);
  clean_found = cs_validate (clean, catalog, &today);
  if (find_finding (clean_found, rule, path) != NULL)
    dump_findings (clean_found);
  g_assert_null (find_finding (clean_found, rule, path));
}

/* ---- fixtures ------------------------------------------------------------------------------ */

static void
test_shared_example (void)
{
  g_autoptr(CsManifest) m = load_manifest ("railsea-electronics.json");
  g_autoptr(GPtrArray) findings = cs_validate (m, catalog, NULL);   /* real today: departure rules */
  CsFinding *seal;

  dump_findings (findings);
  g_assert_cmpuint (count_severity (findings, CS_SEVERITY_ERROR), ==, 0);
  seal = find_finding (findings, "container.seal", "containers[1].seals");
  g_assert_nonnull (seal);
  g_assert_cmpint (seal->severity, ==, CS_SEVERITY_WARNING);
}

static void
test_corridors_clean (void)
{
  guint n;
  const CsCorridor **corridors = cs_catalog_get_corridors (catalog, &n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *rel = g_strdup_printf ("corridors/%s.json", corridors[i]->id);
      g_autoptr(CsManifest) m = load_manifest (rel);
      g_autoptr(GPtrArray) findings = cs_validate (m, catalog, &today);

      g_test_message ("%s: %u findings", corridors[i]->id, findings->len);
      dump_findings (findings);
      g_assert_cmpstr (m->corridor, ==, corridors[i]->id);
      g_assert_cmpuint (count_severity (findings, CS_SEVERITY_ERROR), ==, 0);
      /* each fixture is realistic and complete: no warnings either */
      g_assert_cmpuint (count_severity (findings, CS_SEVERITY_WARNING), ==, 0);
    }
}

static void
test_message_names_values (void)
{
  g_autoptr(JsonNode) root = load_json ("railsea-electronics.json");
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(JsonNode) v = json_node_init_string (json_node_alloc (), "CSQU3054384");
  CsFinding *f;

  json_apply (root, "containers[0].number", v);
  m = manifest_from_node (root);
  findings = cs_validate (m, catalog, &today);
  f = find_finding (findings, "container.check_digit", "containers[0].number");
  g_assert_nonnull (f);
  g_assert_cmpstr (cs_finding_get_message (f), ==,
                   "Container CSQU3054384: the check digit should be 3, not 4");
  g_assert_cmpuint (strlen (cs_finding_get_hint (f)), >, 10);
}

static gboolean
taken_cb (const char *reference,
          const char *manifest_id,
          gpointer    user_data)
{
  return g_strcmp0 (reference, user_data) == 0;
}

static void
test_duplicate_reference (void)
{
  g_autoptr(CsManifest) m = load_manifest ("railsea-electronics.json");
  CsValidateOptions taken = { taken_cb, (gpointer) "QZH2604-0042" };
  CsValidateOptions free_ref = { taken_cb, (gpointer) "QZH2604-0043" };
  g_autoptr(GPtrArray) a = cs_validate_with (m, catalog, &today, &taken);
  g_autoptr(GPtrArray) b = cs_validate_with (m, catalog, &today, &free_ref);

  g_assert_nonnull (find_finding (a, "manifest.duplicate_reference", "reference"));
  g_assert_null (find_finding (b, "manifest.duplicate_reference", NULL));
}

static void
test_sorted (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_json_load_file (path, &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  findings = cs_validate (m, catalog, &today);
  g_assert_cmpuint (findings->len, >, 3);
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpint (cs_finding_compare (&findings->pdata[i - 1], &findings->pdata[i]), <=, 0);
  g_assert_cmpint (cs_path_compare ("items[9].x", "items[10].x"), <, 0);
  g_assert_cmpint (cs_path_compare ("items[10]", "items[9]"), >, 0);
  g_assert_cmpint (cs_path_compare ("containers[1]", "containers[1]"), ==, 0);
  g_assert_cmpint (cs_path_compare ("a", "b"), <, 0);
}

/* A used BEV with HS 8703801090 and no licence matches three licence requirements (the code, the
 * powertrain, used vehicles): the item gets one finding asking for the licence, not three. */
static void
test_one_finding_per_document (void)
{
  g_autoptr(JsonNode) root = load_json ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(JsonNode) covers = json_from_string ("[2]", NULL);
  g_autoptr(JsonNode) used = json_node_init_string (json_node_alloc (), "used");
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint n = 0;

  json_apply (root, "documents[2].covers", covers);
  json_apply (root, "items[0].vehicle.condition", used);
  m = manifest_from_node (root);
  findings = cs_validate (m, catalog, &today);
  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];

      n += strcmp (f->rule, "vehicle.export_licence") == 0 && strcmp (f->path, "items[0]") == 0;
    }
  dump_findings (findings);
  g_assert_cmpuint (n, ==, 1);
}

/* cs_requirements_needed () says what the validator says: every document it finds missing (for
 * the shipment, or for a line) is a finding of the requirement's rule at "documents" or
 * "items[N]", and there is no such finding for anything it finds present. */
static void
check_requirements (CsManifest *m,
                    const char *name)
{
  g_autoptr(GPtrArray) needed = cs_requirements_needed (m, catalog, &today);
  g_autoptr(GPtrArray) findings = cs_validate (m, catalog, &today);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rules = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const CsRequirement **reqs;
  guint n_reqs;

  reqs = cs_catalog_get_requirements (catalog, &n_reqs);
  for (guint r = 0; r < n_reqs; r++)
    g_hash_table_add (rules, (gpointer) reqs[r]->rule);
  for (guint i = 0; i < needed->len; i++)
    {
      CsNeededDocument *d = needed->pdata[i];

      g_assert_true (d->whole == (d->items == NULL));
      if (d->whole)
        {
          if (!d->present)
            g_hash_table_add (expected, g_strdup_printf ("%s documents", d->requirement->rule));
          continue;
        }
      g_assert_cmpuint (d->items->len, >, 0);
      g_assert_true (d->present == (d->missing->len == 0));
      for (guint k = 0; k < d->missing->len; k++)
        {
          guint item = g_array_index (d->missing, guint, k);
          char *key = g_strdup_printf ("%u %s", item, d->document);

          /* the validator asks once per line and document */
          if (g_hash_table_add (asked, key))
            g_hash_table_add (expected, g_strdup_printf ("%s items[%u]", d->requirement->rule, item));
        }
    }
  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];
      g_autofree char *key = g_strdup_printf ("%s %s", f->rule, f->path);
      guint item;
      char end;

      if (!g_hash_table_contains (rules, f->rule) ||
          (strcmp (f->path, "documents") != 0 && sscanf (f->path, "items[%u%c", &item, &end) != 2) ||
          (f->path[0] == 'i' && strchr (f->path, ']')[1] != '\0'))
        continue;
      if (!g_hash_table_contains (expected, key))
        g_error ("%s: the validator reports %s, the requirements do not", name, key);
      g_hash_table_add (found, g_steal_pointer (&key));
    }
  g_test_message ("%s: %u documents needed, %u findings for missing ones", name, needed->len,
                  g_hash_table_size (found));
  g_assert_cmpuint (g_hash_table_size (found), ==, g_hash_table_size (expected));
}

static void
test_requirements (void)
{
  static const char *fixtures[] = {
    "railsea-electronics.json", "every-field.json", "perishable-short-shelf-life.json",
    "corridors/ASEAN-CQ-COLDCHAIN.json", "corridors/CQ-QZH-RAILSEA.json", "corridors/CQ-VTE-RAIL.json",
    "corridors/CQ-HAN-ROAD.json", "corridors/CQ-SHA-RIVERSEA.json", "corridors/CQ-EU-MIDEAST.json",
  };
  g_autoptr(JsonNode) root = load_json ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(JsonNode) covers = json_from_string ("[2]", NULL);
  g_autoptr(JsonNode) used = json_node_init_string (json_node_alloc (), "used");
  g_autoptr(JsonNode) no_docs = json_from_string ("[]", NULL);
  g_autoptr(CsManifest) partly = NULL;
  g_autoptr(CsManifest) none = NULL;
  g_autoptr(GPtrArray) needed = NULL;
  guint n_missing_items = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(CsManifest) m = load_manifest (fixtures[i]);
      check_requirements (m, fixtures[i]);
    }

  /* a used vehicle whose licence covers another line: needed for line 1, missing there */
  json_apply (root, "documents[2].covers", covers);
  json_apply (root, "items[0].vehicle.condition", used);
  partly = manifest_from_node (root);
  check_requirements (partly, "CQ-QZH-RAILSEA, licence on line 2");
  needed = cs_requirements_needed (partly, catalog, &today);
  for (guint i = 0; i < needed->len; i++)
    {
      CsNeededDocument *d = needed->pdata[i];

      if (!d->whole && !d->present)
        n_missing_items += d->missing->len;
    }
  g_assert_cmpuint (n_missing_items, >, 0);
  g_clear_pointer (&needed, g_ptr_array_unref);

  /* without any documents nothing is present */
  json_apply (root, "documents", no_docs);
  none = manifest_from_node (root);
  check_requirements (none, "CQ-QZH-RAILSEA, no documents");
  needed = cs_requirements_needed (none, catalog, &today);
  g_assert_cmpuint (needed->len, >, 0);
  for (guint i = 0; i < needed->len; i++)
    g_assert_false (((CsNeededDocument *) needed->pdata[i])->present);
}

static void
test_date_rules_use_departure (void)
{
  /* the reference date is ignored when the manifest has a departure: a BEV with UN 3171 departing
   * in 2026 is an error even when "today" is in 2025 */
  g_autoptr(JsonNode) root = load_json ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(JsonNode) v = json_node_init_string (json_node_alloc (), "3171");
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) a = NULL, b = NULL;
  GDate early;

  json_apply (root, "items[0].dg.un_number", v);
  m = manifest_from_node (root);
  g_date_clear (&early, 1);
  g_date_set_dmy (&early, 1, 6, 2025);
  a = cs_validate (m, catalog, &early);
  g_assert_nonnull (find_finding (a, "vehicle.dg_class", "items[0].dg.un_number"));

  /* without a departure the reference date decides */
  {
    g_autoptr(JsonNode) r2 = load_json ("corridors/CQ-QZH-RAILSEA.json");
    g_autoptr(CsManifest) m2 = NULL;

    json_apply (r2, "items[0].dg.un_number", v);
    json_apply (r2, "legs[0].etd", NULL);
    json_apply (r2, "legs[0].eta", NULL);
    json_apply (r2, "legs[1].etd", NULL);
    json_apply (r2, "legs[1].eta", NULL);
    m2 = manifest_from_node (r2);
    b = cs_validate (m2, catalog, &early);
    g_assert_null (find_finding (b, "vehicle.dg_class", "items[0].dg.un_number"));
    g_ptr_array_unref (b);
    b = cs_validate (m2, catalog, &today);
    g_assert_nonnull (find_finding (b, "vehicle.dg_class", "items[0].dg.un_number"));
  }
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_severity_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("consign-rules-XXXXXX", &error);
  g_autoptr(CsCatalog) strict = NULL;
  g_autoptr(CsManifest) m = load_manifest ("railsea-electronics.json");
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *rules = NULL;

  write_file (dir, "rules.json",
              "{\"entries\": [{\"id\": \"container.seal\", \"severity\": \"error\"},\n"
              "              {\"id\": \"item.value\", \"severity\": \"off\"}]}\n");
  strict = cs_catalog_new_full (NULL, dir, NULL, &error);
  g_assert_no_error (error);
  findings = cs_validate (m, strict, &today);
  g_assert_cmpint (find_finding (findings, "container.seal", "containers[1].seals")->severity, ==, CS_SEVERITY_ERROR);

  /* "off" drops the rule's findings */
  {
    g_autoptr(JsonNode) root = load_json ("railsea-electronics.json");
    g_autoptr(CsManifest) m2 = NULL;
    g_autoptr(GPtrArray) f2 = NULL, f3 = NULL;

    json_apply (root, "items[0].value", NULL);
    m2 = manifest_from_node (root);
    f2 = cs_validate (m2, strict, &today);
    f3 = cs_validate (m2, catalog, &today);
    g_assert_null (find_finding (f2, "item.value", NULL));
    g_assert_nonnull (find_finding (f3, "item.value", NULL));
  }
  rules = g_build_filename (dir, "rules.json", NULL);
  g_unlink (rules);
  g_rmdir (dir);
}

/* ---- incremental ----------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *shadow;   /* replays items-changed */
  guint      n_signals;
} Shadow;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Shadow     *sh)
{
  sh->n_signals++;
  g_ptr_array_remove_range (sh->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (sh->shadow, position + i, g_list_model_get_item (model, position + i));
}

/* The live list equals a fresh full validation, and the replayed signals equal the list. */
static void
assert_matches_full (CsValidation *v,
                     Shadow       *sh)
{
  CsManifest *m = cs_validation_get_manifest (v);
  g_autoptr(GPtrArray) full = cs_validate (m, catalog, &today);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (v));

  if (n != full->len)
    {
      g_test_message ("full:");
      dump_findings (full);
      g_test_message ("incremental:");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CsFinding) f = g_list_model_get_item (G_LIST_MODEL (v), i);
          g_test_message ("  %s %s %s", cs_severity_to_string (f->severity), f->rule, f->path);
        }
    }
  g_assert_cmpuint (n, ==, full->len);
  g_assert_cmpuint (sh->shadow->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsFinding) f = g_list_model_get_item (G_LIST_MODEL (v), i);
      CsFinding *g = full->pdata[i];

      g_assert_true (sh->shadow->pdata[i] == f);
      g_assert_cmpstr (f->rule, ==, g->rule);
      g_assert_cmpstr (f->path, ==, g->path);
      g_assert_cmpstr (cs_finding_get_message (f), ==, cs_finding_get_message (g));
      g_assert_cmpint (f->severity, ==, g->severity);
    }
  g_assert_cmpuint (cs_validation_count (v, CS_SEVERITY_ERROR), ==, count_severity (full, CS_SEVERITY_ERROR));
  g_assert_cmpuint (cs_validation_count (v, CS_SEVERITY_WARNING), ==, count_severity (full, CS_SEVERITY_WARNING));
}

static void
changed_cb (CsRecord     *root,
            CsRecord     *origin,
            const char   *field,
            CsValidation *v)
{
  cs_validation_revalidate_field (v, origin, field);
}

static void
count_notify_cb (guint *counter)
{
  (*counter)++;
}

static void
test_incremental (void)
{
  g_autoptr(CsManifest) m = load_manifest ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(CsValidation) v = cs_validation_new (catalog);
  Shadow sh = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  CsItem *item0 = CS_MANIFEST_ITEM (m, 0), *item1 = CS_MANIFEST_ITEM (m, 1);
  CsContainer *c0 = CS_MANIFEST_CONTAINER (m, 0);
  g_autofree char *vin0 = g_strdup (item0->vehicle->vins[0]);
  g_autofree char *c0_number = g_strdup (c0->number);
  guint n_before;
  gpointer kept;
  guint notified = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (v)) == CS_TYPE_FINDING);
  cs_validation_set_today (v, &today);
  g_signal_connect (v, "items-changed", G_CALLBACK (items_changed_cb), &sh);
  g_signal_connect_swapped (v, "notify::n-errors", G_CALLBACK (count_notify_cb), &notified);
  cs_validation_set_manifest (v, m);
  g_signal_connect (m, "changed", G_CALLBACK (changed_cb), v);
  assert_matches_full (v, &sh);
  g_assert_cmpuint (cs_validation_count (v, CS_SEVERITY_ERROR), ==, 0);

  /* a duplicate VIN on line 2: both items are re-run, nothing else */
  {
    const char *vins[] = { vin0, item1->vehicle->vins[1], item1->vehicle->vins[2], NULL };
    g_autofree char *p = NULL;

    n_before = sh.n_signals;
    cs_record_set_strv (CS_RECORD (item1->vehicle), "vins", vins);
    assert_matches_full (v, &sh);
    g_assert_cmpuint (sh.n_signals, >, n_before);
    g_assert_cmpuint (cs_validation_count (v, CS_SEVERITY_ERROR), >=, 2);
    {
      g_autoptr(GPtrArray) on0 = cs_validation_find (v, "items[0]");
      g_autoptr(GPtrArray) on1 = cs_validation_find (v, "items[1].vehicle");
      g_autoptr(GPtrArray) none = cs_validation_find (v, "items[1].veh");

      g_assert_nonnull (find_finding (on0, "vehicle.vin_duplicate", "items[0].vehicle.vins[0]"));
      g_assert_nonnull (find_finding (on1, "vehicle.vin_duplicate", "items[1].vehicle.vins[0]"));
      g_assert_cmpuint (none->len, ==, 0);
    }
  }

  /* an edit that changes nothing found: no signal, same objects */
  kept = g_list_model_get_item (G_LIST_MODEL (v), 0);
  n_before = sh.n_signals;
  cs_record_set_string (CS_RECORD (item0), "marks", "BEVD/LCH/1-3 (repainted)");
  g_assert_cmpuint (sh.n_signals, ==, n_before);
  {
    g_autoptr(CsFinding) again = g_list_model_get_item (G_LIST_MODEL (v), 0);
    g_assert_true (again == kept);
  }
  g_object_unref (kept);
  assert_matches_full (v, &sh);

  /* weights: the container's VGM no longer balances */
  cs_record_set_number (CS_RECORD (item0), "gross_kg", 7700);
  assert_matches_full (v, &sh);
  g_assert_nonnull (find_finding (sh.shadow, "container.vgm_mismatch", "containers[0].vgm_kg"));
  cs_record_set_number (CS_RECORD (item0), "gross_kg", 5700);
  assert_matches_full (v, &sh);

  /* renumber a container: its items lose their box */
  n_before = notified;
  cs_record_set_string (CS_RECORD (c0), "number", "TGHU8305124");
  assert_matches_full (v, &sh);
  g_assert_nonnull (find_finding (sh.shadow, "item.container_ref", "items[0].container"));
  g_assert_nonnull (find_finding (sh.shadow, "container.check_digit", "containers[0].number"));
  g_assert_cmpuint (notified, >, n_before);
  cs_record_set_string (CS_RECORD (c0), "number", c0_number);
  assert_matches_full (v, &sh);

  /* insert an item at the front: paths of the others are re-derived */
  {
    CsItem *copy = CS_ITEM (cs_record_copy (CS_RECORD (item1)));

    cs_field_set_number (CS_RECORD (copy), cs_record_find_field (CS_RECORD (copy), "line"), 3);
    cs_list_insert (m->items, 0, copy);
    g_object_unref (copy);
    assert_matches_full (v, &sh);
    /* the copy shares line 2's VINs */
    g_assert_nonnull (find_finding (sh.shadow, "vehicle.vin_duplicate", "items[2].vehicle.vins[1]"));
    g_assert_nonnull (find_finding (sh.shadow, "vehicle.vin_duplicate", "items[0].vehicle.vins[1]"));
    cs_list_remove (m->items, 0);
    assert_matches_full (v, &sh);
  }

  /* a header change that all items depend on: the departure moves before 2026 */
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 0)), "etd", "2025-12-01T10:00:00+08:00");
  assert_matches_full (v, &sh);
  cs_record_set_string (CS_RECORD (m), "reference", "QZH2603-0108");
  assert_matches_full (v, &sh);

  /* remove every item, then clear */
  cs_list_clear (m->items);
  assert_matches_full (v, &sh);
  g_assert_nonnull (find_finding (sh.shadow, "manifest.required", "items"));
  cs_validation_set_manifest (v, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (v)), ==, 0);
  g_assert_cmpuint (sh.shadow->len, ==, 0);
  g_signal_handlers_disconnect_by_data (m, v);
  g_ptr_array_unref (sh.shadow);
}

static void
test_incremental_perishable (void)
{
  g_autoptr(CsManifest) m = load_manifest ("corridors/ASEAN-CQ-COLDCHAIN.json");
  g_autoptr(CsValidation) v = cs_validation_new (catalog);
  Shadow sh = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  CsItem *item = CS_MANIFEST_ITEM (m, 0);

  cs_validation_set_today (v, &today);
  g_signal_connect (v, "items-changed", G_CALLBACK (items_changed_cb), &sh);
  cs_validation_set_manifest (v, m);
  assert_matches_full (v, &sh);

  cs_record_set_number (CS_RECORD (item->perishable), "temp_min_c", 6);
  cs_validation_revalidate (v, CS_RECORD (item->perishable));
  assert_matches_full (v, &sh);
  g_assert_nonnull (find_finding (sh.shadow, "perishable.temperature_range", NULL));
  g_assert_nonnull (find_finding (sh.shadow, "container.reefer_setpoint", "containers[0].reefer.setpoint_c"));

  cs_record_set_number (CS_RECORD (item->perishable), "temp_min_c", 3);
  cs_validation_revalidate (v, CS_RECORD (item));
  assert_matches_full (v, &sh);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (v)), ==, 0);

  /* a document change re-runs what depends on documents */
  cs_list_remove (m->documents, 2);
  cs_validation_revalidate (v, CS_RECORD (m));
  assert_matches_full (v, &sh);
  g_assert_nonnull (find_finding (sh.shadow, "perishable.phytosanitary", "items[0]"));
  g_ptr_array_unref (sh.shadow);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) cases_root = NULL;
  JsonObject *cases_obj;
  JsonArray *cases;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  cases_root = load_json ("rules/cases.json");
  cases_obj = json_node_get_object (cases_root);
  g_date_clear (&today, 1);
  g_date_set_parse (&today, json_object_get_string_member (cases_obj, "today"));
  g_assert_true (g_date_valid (&today));

  cases = json_object_get_array_member (cases_obj, "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *name = g_strdup_printf ("/validator/rule/%s/%u", json_object_get_string_member (c, "rule"), i);

      g_test_add_data_func (name, c, test_rule_case);
    }
  /* every rule id has at least one case (manifest.duplicate_reference is tested below) */
  for (guint r = 0; cs_rule_ids[r]; r++)
    {
      gboolean seen = g_str_equal (cs_rule_ids[r], "manifest.duplicate_reference");

      for (guint i = 0; i < json_array_get_length (cases) && !seen; i++)
        seen = g_str_equal (json_object_get_string_member (json_array_get_object_element (cases, i), "rule"),
                            cs_rule_ids[r]);
      if (!seen)
        g_error ("rule %s has no case in tests/data/rules/cases.json", cs_rule_ids[r]);
    }

  g_test_add_func ("/validator/shared-example", test_shared_example);
  g_test_add_func ("/validator/corridors-clean", test_corridors_clean);
  g_test_add_func ("/validator/message", test_message_names_values);
  g_test_add_func ("/validator/duplicate-reference", test_duplicate_reference);
  g_test_add_func ("/validator/sorted", test_sorted);
  g_test_add_func ("/validator/dates-use-departure", test_date_rules_use_departure);
  g_test_add_func ("/validator/one-finding-per-document", test_one_finding_per_document);
  g_test_add_func ("/validator/requirements", test_requirements);
  g_test_add_func ("/validator/severity-override", test_severity_override);
  g_test_add_func ("/validator/incremental", test_incremental);
  g_test_add_func ("/validator/incremental-perishable", test_incremental_perishable);

  ret = g_test_run ();
  g_object_unref (catalog);
  return ret;
}
