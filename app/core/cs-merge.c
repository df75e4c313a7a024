/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-merge.c: a three-way merge of manifests, on their JSON trees */

#include "config.h"

#include <string.h>

#include "cs-json.h"
#include "cs-merge.h"

typedef struct
{
  CsMergePrefer prefer;
  GPtrArray    *conflicts;
} Merge;

/* What identifies an element of the array @name: its members @keys (the first required). */
typedef struct
{
  const char *array;
  const char *keys[2];
} Identity;

static const Identity identities[] = {
  { "items", { "line", NULL } },
  { "containers", { "number", NULL } },
  { "documents", { "kind", "number" } },
  { "splits", { "container", NULL } },
};

void
cs_merge_conflict_free (CsMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->path);
  g_free (conflict->base);
  g_free (conflict->ours);
  g_free (conflict->theirs);
  g_free (conflict);
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static char *
node_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : NULL;
}

static JsonNode *
keep (JsonNode *node)
{
  return node ? json_node_ref (node) : NULL;
}

/* Both sides changed the value at @path differently: record it, take the preferred side. */
static JsonNode *
conflict (Merge      *m,
          const char *path,
          JsonNode   *base,
          JsonNode   *ours,
          JsonNode   *theirs)
{
  CsMergeConflict *c = g_new0 (CsMergeConflict, 1);

  c->path = g_strdup (path);
  c->base = node_text (base);
  c->ours = node_text (ours);
  c->theirs = node_text (theirs);
  g_ptr_array_add (m->conflicts, c);
  return keep (m->prefer == CS_MERGE_PREFER_OURS ? ours : theirs);
}

static JsonNode *merge_node (Merge *m, const char *path, const char *name,
                             JsonNode *base, JsonNode *ours, JsonNode *theirs);

static JsonObject *
object_of (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
member (JsonObject *object,
        const char *key)
{
  return object ? json_object_get_member (object, key) : NULL;
}

static char *
child_path (const char *path,
            const char *key)
{
  return *path ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

static JsonNode *
merge_objects (Merge      *m,
               const char *path,
               JsonNode   *base,
               JsonNode   *ours,
               JsonNode   *theirs)
{
  JsonObject *b = object_of (base), *o = object_of (ours), *t = object_of (theirs);
  JsonObject *out = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GList *keys = json_object_get_members (o);
  GList *t_keys = json_object_get_members (t);
  GList *b_keys = b ? json_object_get_members (b) : NULL;

  /* ours' members in ours' order, then those only theirs has, in theirs' order (then those only
   * the base had, which merge to nothing or to a conflict) */
  for (GList *l = t_keys; l; l = l->next)
    if (!json_object_has_member (o, l->data))
      keys = g_list_append (keys, l->data);
  for (GList *l = b_keys; l; l = l->next)
    if (!json_object_has_member (o, l->data) && !json_object_has_member (t, l->data))
      keys = g_list_append (keys, l->data);
  for (GList *l = keys; l; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *sub = child_path (path, key);
      JsonNode *merged = merge_node (m, sub, key, member (b, key), member (o, key), member (t, key));

      if (merged != NULL)
        json_object_set_member (out, key, merged);
    }
  g_list_free (keys);
  g_list_free (t_keys);
  g_list_free (b_keys);
  json_node_take_object (node, out);
  return node;
}

/* The identity of an array element ("" joined key values), or NULL when it has none. */
static char *
identity_of (const Identity *id,
             JsonNode       *element)
{
  JsonObject *o = object_of (element);
  GString *s;

  if (o == NULL || !json_object_has_member (o, id->keys[0]))
    return NULL;
  s = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (id->keys) && id->keys[k]; k++)
    {
      JsonNode *v = json_object_get_member (o, id->keys[k]);
      g_autofree char *text = v ? json_to_string (v, FALSE) : g_strdup ("");

      if (k > 0)
        g_string_append_c (s, '\x1f');
      g_string_append (s, text);
    }
  return g_string_free (s, FALSE);
}

/* id -> element; FALSE when an element has no identity or two share one (then the array merges
 * by position). @order receives the ids in the array's order. */
static gboolean
index_array (const Identity *id,
             JsonArray      *array,
             GHashTable     *by_id,
             GPtrArray      *order)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      char *key = identity_of (id, e);

      if (key == NULL || g_hash_table_contains (by_id, key))
        {
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (by_id, key, e);
      g_ptr_array_add (order, key);
    }
  return TRUE;
}

static JsonArray *
array_of (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonNode *
merge_by_position (Merge      *m,
                   const char *path,
                   const char *name,
                   JsonNode   *base,
                   JsonNode   *ours,
                   JsonNode   *theirs)
{
  JsonArray *b = array_of (base), *o = array_of (ours), *t = array_of (theirs);
  guint n = json_array_get_length (o);
  JsonArray *out;
  JsonNode *node;

  if (b == NULL || json_array_get_length (b) != n || json_array_get_length (t) != n)
    return conflict (m, path, base, ours, theirs);
  out = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *merged = merge_node (m, sub, name, json_array_get_element (b, i), json_array_get_element (o, i),
                                     json_array_get_element (t, i));

      if (merged != NULL)
        json_array_add_element (out, merged);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

typedef struct
{
  const char *id;
  JsonNode   *base, *ours, *theirs;
} Slot;

static void
free_bucket (gpointer bucket)
{
  if (bucket != NULL)
    g_ptr_array_unref (bucket);
}

/* Appends the elements only theirs has, named in @keys (may be NULL), in that order. */
static void
append_theirs_only (GArray     *slots,
                    GPtrArray  *keys,
                    GHashTable *b,
                    GHashTable *t)
{
  for (guint k = 0; keys != NULL && k < keys->len; k++)
    {
      Slot s = { keys->pdata[k], g_hash_table_lookup (b, keys->pdata[k]), NULL,
                 g_hash_table_lookup (t, keys->pdata[k]) };

      g_array_append_val (slots, s);
    }
}

static JsonNode *
merge_by_identity (Merge          *m,
                   const char     *path,
                   const char     *name,
                   const Identity *id,
                   JsonNode       *base,
                   JsonNode       *ours,
                   JsonNode       *theirs)
{
  g_autoptr(GHashTable) b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) o = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) b_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) o_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) t_order = g_ptr_array_new ();
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  JsonArray *out;
  JsonNode *node;

  if (!index_array (id, array_of (base), b, b_order) || !index_array (id, array_of (ours), o, o_order) ||
      !index_array (id, array_of (theirs), t, t_order))
    return merge_by_position (m, path, name, base, ours, theirs);

  /* ours' elements in ours' order; an element only theirs has goes after the one it follows
   * in theirs (or first), after any ours added there. Each such element waits in the bucket of
   * its anchor (the last element both have, before it in theirs; -1 = none) and is put in when
   * the walk below has passed the anchor and the elements only ours added right after it. */
  {
    g_autoptr(GHashTable) ours_index = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func (free_bucket);
    int anchor = -1;
    int run_anchor = -1;

    for (guint i = 0; i <= o_order->len; i++)
      g_ptr_array_add (buckets, NULL);   /* bucket k + 1 belongs to ours' element k */
    for (guint i = 0; i < o_order->len; i++)
      g_hash_table_insert (ours_index, o_order->pdata[i], GUINT_TO_POINTER (i + 1));
    for (guint i = 0; i < t_order->len; i++)
      {
        const char *key = t_order->pdata[i];
        guint found = GPOINTER_TO_UINT (g_hash_table_lookup (ours_index, key));

        if (found != 0)
          anchor = (int) found - 1;
        else
          {
            GPtrArray **bucket = (GPtrArray **) &buckets->pdata[anchor + 1];

            if (*bucket == NULL)
              *bucket = g_ptr_array_new ();
            g_ptr_array_add (*bucket, (gpointer) key);
          }
      }
    for (guint i = 0; i <= o_order->len; i++)
      {
        if (i < o_order->len)
          {
            const char *key = o_order->pdata[i];
            Slot s = { key, g_hash_table_lookup (b, key), g_hash_table_lookup (o, key),
                       g_hash_table_lookup (t, key) };
            gboolean ours_added = s.base == NULL && s.theirs == NULL;

            /* a run of elements only ours added stays right after the element before it */
            if (ours_added)
              {
                g_array_append_val (slots, s);
                continue;
              }
            append_theirs_only (slots, buckets->pdata[run_anchor + 1], b, t);
            run_anchor = (int) i;
            g_array_append_val (slots, s);
          }
        else
          append_theirs_only (slots, buckets->pdata[run_anchor + 1], b, t);
      }
  }
  /* elements both deleted are gone; those neither side has now do not appear */

  out = json_array_new ();
  for (guint k = 0; k < slots->len; k++)
    {
      Slot *s = &g_array_index (slots, Slot, k);
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, json_array_get_length (out));
      JsonNode *merged = merge_node (m, sub, name, s->base, s->ours, s->theirs);

      if (merged != NULL)
        json_array_add_element (out, merged);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, out);
  return node;
}

static gboolean
is_array_of_objects (JsonNode *node)
{
  JsonArray *a = array_of (node);

  if (a == NULL)
    return node == NULL;   /* absent counts as an empty list */
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (a, i)))
      return FALSE;
  return TRUE;
}

static JsonNode *
merge_node (Merge      *m,
            const char *path,
            const char *name,
            JsonNode   *base,
            JsonNode   *ours,
            JsonNode   *theirs)
{
  if (node_equal (ours, theirs))
    return keep (ours);
  if (node_equal (base, ours))
    return keep (theirs);
  if (node_equal (base, theirs))
    return keep (ours);

  /* both changed, differently: look inside where both are records or lists of records */
  if (object_of (ours) && object_of (theirs) && (base == NULL || object_of (base)))
    return merge_objects (m, path, base, ours, theirs);
  if (ours && theirs && array_of (ours) && array_of (theirs) && is_array_of_objects (base) &&
      is_array_of_objects (ours) && is_array_of_objects (theirs))
    {
      for (guint i = 0; i < G_N_ELEMENTS (identities); i++)
        if (g_strcmp0 (name, identities[i].array) == 0)
          return merge_by_identity (m, path, name, &identities[i], base, ours, theirs);
      return merge_by_position (m, path, name, base, ours, theirs);
    }
  return conflict (m, path, base, ours, theirs);
}

static JsonNode *
parse_manifest (CsManifest *manifest,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length = 0;
  g_autofree char *text = cs_json_dump (manifest, &length);

  if (!json_parser_load_from_data (parser, text, (gssize) length, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

CsManifest *
cs_manifest_merge (CsManifest     *base,
                   CsManifest     *ours,
                   CsManifest     *theirs,
                   CsMergePrefer   prefer,
                   GPtrArray     **conflicts_out,
                   GError        **error)
{
  g_autoptr(JsonNode) b = NULL, o = NULL, t = NULL, merged = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_merge_conflict_free);
  g_autofree char *text = NULL;
  Merge m = { prefer, conflicts };
  gsize length = 0;
  CsManifest *result;

  g_return_val_if_fail (CS_IS_MANIFEST (base) && CS_IS_MANIFEST (ours) && CS_IS_MANIFEST (theirs), NULL);

  if ((b = parse_manifest (base, error)) == NULL || (o = parse_manifest (ours, error)) == NULL ||
      (t = parse_manifest (theirs, error)) == NULL)
    return NULL;
  merged = merge_node (&m, "", NULL, b, o, t);
  if (merged == NULL)   /* cannot happen: a manifest is an object on every side */
    merged = json_node_init_object (json_node_alloc (), json_object_new ());
  text = json_to_string (merged, FALSE);
  length = strlen (text);
  result = cs_json_load_data (text, (gssize) length, "merge", error);
  if (result != NULL && conflicts_out != NULL)
    *conflicts_out = g_steal_pointer (&conflicts);
  return result;
}
