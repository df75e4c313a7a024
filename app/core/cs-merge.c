/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-merge.c: a three-way merge of manifests, field by field on the model */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cs-json.h"
#include "cs-merge.h"

typedef struct
{
  CsMergePrefer prefer;
  GPtrArray    *conflicts;
} Merge;

/* What identifies an element of the list @list: its fields @keys (the first required). */
typedef struct
{
  const char *list;
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

/* ---- values of one field ------------------------------------------------------------------ */

static CsList *
list_of (CsRecord      *rec,
         const CsField *f)
{
  return rec != NULL ? *(CsList **) CS_FIELD_SLOT (rec, f) : NULL;
}

/* The parallel container field of the tagged list @f of @type, or NULL when @f is not one. */
static const CsField *
tagged_containers (CsRecordClass *klass,
                   GType          type,
                   const CsField *f)
{
  gboolean is_containers = FALSE;
  const CsTaggedList *tagged = f->kind == CS_FIELD_STRV ? cs_tagged_list_find (type, f->name, &is_containers) : NULL;

  return tagged != NULL && !is_containers ? cs_record_class_find_field (klass, tagged->containers) : NULL;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

/* Field @f of @a and @b (either record may be NULL: every field absent) holds the same value. */
static gboolean
field_equal (CsRecord      *a,
             CsRecord      *b,
             const CsField *f)
{
  if (f->kind == CS_FIELD_LIST)
    {
      GPtrArray *la = a ? cs_list_get_array (list_of (a, f)) : NULL;
      GPtrArray *lb = b ? cs_list_get_array (list_of (b, f)) : NULL;
      guint na = la ? la->len : 0, nb = lb ? lb->len : 0;

      if (na != nb)
        return FALSE;
      for (guint i = 0; i < na; i++)
        if (!cs_record_equal (la->pdata[i], lb->pdata[i]))
          return FALSE;
      return TRUE;
    }
  if (a == NULL || b == NULL)
    {
      CsRecord *set = a ? a : b;

      return set == NULL || !cs_field_is_set (set, f);
    }
  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      return g_strcmp0 (*(const char **) CS_FIELD_SLOT (a, f), *(const char **) CS_FIELD_SLOT (b, f)) == 0;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      {
        double x = *(double *) CS_FIELD_SLOT (a, f), y = *(double *) CS_FIELD_SLOT (b, f);

        return x == y || (!cs_num_is_set (x) && !cs_num_is_set (y));
      }
    case CS_FIELD_BOOLEAN:
      return *(gboolean *) CS_FIELD_SLOT (a, f) == *(gboolean *) CS_FIELD_SLOT (b, f);
    case CS_FIELD_STRV:
      return strv_equal0 (*(const char * const **) CS_FIELD_SLOT (a, f), *(const char * const **) CS_FIELD_SLOT (b, f));
    case CS_FIELD_INTV:
      {
        GArray *x = *(GArray **) CS_FIELD_SLOT (a, f), *y = *(GArray **) CS_FIELD_SLOT (b, f);

        if (x == NULL || y == NULL)
          return x == y;
        return x->len == y->len && memcmp (x->data, y->data, x->len * sizeof (gint64)) == 0;
      }
    case CS_FIELD_RECORD:
      return cs_record_equal (*(CsRecord **) CS_FIELD_SLOT (a, f), *(CsRecord **) CS_FIELD_SLOT (b, f));
    case CS_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

/* Field @f and, for a tagged list, its parallel container field @boxes (may be NULL). */
static gboolean
value_equal (CsRecord      *a,
             CsRecord      *b,
             const CsField *f,
             const CsField *boxes)
{
  return field_equal (a, b, f) && (boxes == NULL || field_equal (a, b, boxes));
}

/* Puts @src's value of field @f (absent when @src is NULL) into @dest. */
static void
copy_field (CsRecord      *dest,
            CsRecord      *src,
            const CsField *f)
{
  gpointer s = src ? CS_FIELD_SLOT (src, f) : NULL;

  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      cs_field_set_string (dest, f, s ? *(const char **) s : NULL);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_field_set_number (dest, f, s ? *(double *) s : NAN);
      break;
    case CS_FIELD_BOOLEAN:
      cs_field_set_boolean (dest, f, s ? *(gboolean *) s : FALSE);
      break;
    case CS_FIELD_STRV:
      cs_field_take_strv (dest, f, s ? g_strdupv (*(GStrv *) s) : NULL);
      break;
    case CS_FIELD_INTV:
      {
        GArray *v = s ? *(GArray **) s : NULL;
        GArray *copy = NULL;

        if (v != NULL)
          {
            copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), v->len);
            g_array_append_vals (copy, v->data, v->len);
          }
        cs_field_take_intv (dest, f, copy);
      }
      break;
    case CS_FIELD_RECORD:
      {
        CsRecord *sub = s ? *(CsRecord **) s : NULL;

        cs_field_take_record (dest, f, sub ? cs_record_copy (sub) : NULL);
      }
      break;
    case CS_FIELD_LIST:
      {
        CsList *to = list_of (dest, f);
        GPtrArray *from = src ? cs_list_get_array (list_of (src, f)) : NULL;
        g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint i = 0; from != NULL && i < from->len; i++)
          g_ptr_array_add (copies, cs_record_copy (from->pdata[i]));
        cs_list_splice (to, 0, cs_list_length (to), copies->pdata, copies->len);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* JSON text, compact, as json-glib writes it (a conflict is shown, and tested, in that form). */
static char *
compact (GString *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, json->str, (gssize) json->len, NULL))
    return g_string_free (json, FALSE);
  g_string_free (json, TRUE);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static char *
record_text (CsRecord *rec)
{
  GString *out;

  if (rec == NULL)
    return NULL;
  out = g_string_new (NULL);
  cs_json_append_record (out, rec, 0);
  return compact (out);
}

/* Field @f of @rec as JSON text (a tagged list's entries with their containers); NULL when
 * absent. */
static char *
field_text (CsRecord      *rec,
            const CsField *f)
{
  GString *out;

  if (rec == NULL || !cs_field_is_set (rec, f))
    return NULL;
  out = g_string_new (NULL);
  cs_json_append_value (out, rec, f, 0);
  return compact (out);
}

/* Both sides changed the value at @path differently: record it with the three texts (taken). */
static void
conflict (Merge      *m,
          const char *path,
          char       *base,
          char       *ours,
          char       *theirs)
{
  CsMergeConflict *c = g_new0 (CsMergeConflict, 1);

  c->path = g_strdup (path);
  c->base = base;
  c->ours = ours;
  c->theirs = theirs;
  g_ptr_array_add (m->conflicts, c);
}

static char *
child_path (const char *path,
            const char *key)
{
  return *path ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* ---- records and lists ------------------------------------------------------------------- */

static void merge_record (Merge *m, const char *path, CsRecord *base, CsRecord *ours,
                          CsRecord *theirs, CsRecord *out);

/* The identity of a list element (its key fields' values joined), or NULL when it has none. */
static char *
identity_of (const Identity *id,
             CsRecord       *element)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (id->keys) && id->keys[k]; k++)
    {
      const CsField *f = cs_record_find_field (element, id->keys[k]);

      if (f == NULL || (k == 0 && !cs_field_is_set (element, f)))
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      if (k > 0)
        g_string_append_c (s, '\x1f');
      if (f->kind == CS_FIELD_NUMBER || f->kind == CS_FIELD_INTEGER)
        cs_json_append_number (s, *(double *) CS_FIELD_SLOT (element, f));
      else if (cs_field_get_string (element, f) != NULL)
        g_string_append (s, cs_field_get_string (element, f));
    }
  return g_string_free (s, FALSE);
}

/* id -> element; FALSE when an element has no identity or two share one (then the list merges
 * by position). @order receives the ids in the list's order (owned by @by_id). */
static gboolean
index_list (const Identity *id,
            GPtrArray      *list,
            GHashTable     *by_id,
            GPtrArray      *order)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      char *key = identity_of (id, list->pdata[i]);

      if (key == NULL || g_hash_table_contains (by_id, key))
        {
          g_free (key);
          return FALSE;
        }
      g_hash_table_insert (by_id, key, list->pdata[i]);
      g_ptr_array_add (order, key);
    }
  return TRUE;
}

/* The identity of the elements of list field @f, or NULL: they are matched by position. */
static const Identity *
list_identity (const CsField *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (identities); i++)
    if (strcmp (f->name, identities[i].list) == 0)
      return &identities[i];
  return NULL;
}

typedef struct
{
  const char *id;
  CsRecord   *base, *ours, *theirs;
  CsRecord   *out;        /* ours' element in the merged copy, when ours has it */
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
                 g_hash_table_lookup (t, keys->pdata[k]), NULL };

      g_array_append_val (slots, s);
    }
}

/* The slots of a list merged by identity, in the merged order: ours' elements in ours' order; an
 * element only theirs has goes after the one it follows in theirs (or first), after any ours
 * added there. Each such element waits in the bucket of its anchor (the last element both have,
 * before it in theirs; -1 = none) and is put in when the walk has passed the anchor and the
 * elements only ours added right after it. */
static void
order_slots (GPtrArray  *o_order,
             GPtrArray  *t_order,
             GHashTable *b,
             GHashTable *o,
             GHashTable *t,
             GPtrArray  *out_list,
             GArray     *slots)
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
  for (guint i = 0; i < o_order->len; i++)
    {
      const char *key = o_order->pdata[i];
      Slot s = { key, g_hash_table_lookup (b, key), g_hash_table_lookup (o, key),
                 g_hash_table_lookup (t, key), out_list->pdata[i] };

      /* a run of elements only ours added stays right after the element before it */
      if (s.base != NULL || s.theirs != NULL)
        {
          append_theirs_only (slots, buckets->pdata[run_anchor + 1], b, t);
          run_anchor = (int) i;
        }
      g_array_append_val (slots, s);
    }
  append_theirs_only (slots, buckets->pdata[run_anchor + 1], b, t);
}

/* One element of a merged list at position @pos: appended to @result (a reference), or not when
 * the merge deletes it. */
static void
merge_element (Merge      *m,
               const char *path,
               guint       pos,
               Slot       *s,
               GPtrArray  *result)
{
  g_autofree char *sub = g_strdup_printf ("%s[%u]", path, pos);

  if (s->ours != NULL && s->theirs != NULL)
    {
      if (cs_record_equal (s->ours, s->theirs) || (s->base != NULL && cs_record_equal (s->base, s->theirs)))
        g_ptr_array_add (result, g_object_ref (s->out));
      else if (s->base != NULL && cs_record_equal (s->base, s->ours))
        g_ptr_array_add (result, cs_record_copy (s->theirs));
      else
        {
          merge_record (m, sub, s->base, s->ours, s->theirs, s->out);
          g_ptr_array_add (result, g_object_ref (s->out));
        }
    }
  else if (s->ours != NULL)
    {
      /* added by ours; or deleted by theirs: gone unless ours changed it too */
      if (s->base == NULL)
        g_ptr_array_add (result, g_object_ref (s->out));
      else if (!cs_record_equal (s->base, s->ours))
        {
          conflict (m, sub, record_text (s->base), record_text (s->ours), NULL);
          if (m->prefer == CS_MERGE_PREFER_OURS)
            g_ptr_array_add (result, g_object_ref (s->out));
        }
    }
  else if (s->theirs != NULL)
    {
      /* added by theirs; or deleted by ours: gone unless theirs changed it too */
      if (s->base == NULL)
        g_ptr_array_add (result, cs_record_copy (s->theirs));
      else if (!cs_record_equal (s->base, s->theirs))
        {
          conflict (m, sub, record_text (s->base), NULL, record_text (s->theirs));
          if (m->prefer == CS_MERGE_PREFER_THEIRS)
            g_ptr_array_add (result, cs_record_copy (s->theirs));
        }
    }
  /* both deleted it: gone */
}

/* The list field @f, changed differently by both sides; @out holds ours' copy and is rebuilt. */
static void
merge_list (Merge         *m,
            const char    *path,
            const CsField *f,
            CsRecord      *base,
            CsRecord      *ours,
            CsRecord      *theirs,
            CsRecord      *out)
{
  GPtrArray *b = base ? cs_list_get_array (list_of (base, f)) : NULL;
  GPtrArray *o = cs_list_get_array (list_of (ours, f));
  GPtrArray *t = cs_list_get_array (list_of (theirs, f));
  CsList *out_list = list_of (out, f);
  GPtrArray *current = cs_list_get_array (out_list);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_full (current->len, g_object_unref);   /* ours' copies */
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  const Identity *id = list_identity (f);

  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (kept, g_object_ref (current->pdata[i]));

  if (id != NULL)
    {
      g_autoptr(GHashTable) bh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) oh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) th = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) b_order = g_ptr_array_new ();
      g_autoptr(GPtrArray) o_order = g_ptr_array_new ();
      g_autoptr(GPtrArray) t_order = g_ptr_array_new ();

      if (index_list (id, b, bh, b_order) && index_list (id, o, oh, o_order) && index_list (id, t, th, t_order))
        {
          order_slots (o_order, t_order, bh, oh, th, kept, slots);
          for (guint k = 0; k < slots->len; k++)
            merge_element (m, path, result->len, &g_array_index (slots, Slot, k), result);
          cs_list_splice (out_list, 0, cs_list_length (out_list), result->pdata, result->len);
          return;
        }
    }

  /* by position: element by element when the three lists are as long, else one value */
  if (b == NULL || b->len != o->len || t->len != o->len)
    {
      conflict (m, path, field_text (base, f), field_text (ours, f), field_text (theirs, f));
      if (m->prefer == CS_MERGE_PREFER_THEIRS)
        copy_field (out, theirs, f);
      return;
    }
  for (guint i = 0; i < o->len; i++)
    {
      Slot s = { NULL, b->pdata[i], o->pdata[i], t->pdata[i], kept->pdata[i] };

      merge_element (m, path, result->len, &s, result);
    }
  cs_list_splice (out_list, 0, cs_list_length (out_list), result->pdata, result->len);
}

/* @out is a copy of @ours; every field that only theirs changed takes their value, fields both
 * changed are merged inside (records, lists of records) or are conflicts. @base may be NULL. */
static void
merge_record (Merge      *m,
              const char *path,
              CsRecord   *base,
              CsRecord   *ours,
              CsRecord   *theirs,
              CsRecord   *out)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (ours);
  GType type = G_OBJECT_TYPE (ours);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      const CsField *boxes = tagged_containers (klass, type, f);
      gboolean is_containers = FALSE;
      g_autofree char *sub = NULL;

      if (f->kind == CS_FIELD_STRV && cs_tagged_list_find (type, f->name, &is_containers) != NULL && is_containers)
        continue;   /* goes with its list */
      if (value_equal (ours, theirs, f, boxes) || value_equal (base, theirs, f, boxes))
        continue;   /* ours stays */
      if (value_equal (base, ours, f, boxes))
        {
          copy_field (out, theirs, f);
          if (boxes != NULL)
            copy_field (out, theirs, boxes);
          continue;
        }

      /* both changed it, differently */
      sub = child_path (path, f->name);
      if (f->kind == CS_FIELD_RECORD && *(CsRecord **) CS_FIELD_SLOT (ours, f) != NULL &&
          *(CsRecord **) CS_FIELD_SLOT (theirs, f) != NULL)
        {
          merge_record (m, sub, base ? *(CsRecord **) CS_FIELD_SLOT (base, f) : NULL,
                        *(CsRecord **) CS_FIELD_SLOT (ours, f), *(CsRecord **) CS_FIELD_SLOT (theirs, f),
                        *(CsRecord **) CS_FIELD_SLOT (out, f));
          continue;
        }
      if (f->kind == CS_FIELD_LIST)
        {
          merge_list (m, sub, f, base, ours, theirs, out);
          continue;
        }
      conflict (m, sub, field_text (base, f), field_text (ours, f), field_text (theirs, f));
      if (m->prefer == CS_MERGE_PREFER_THEIRS)
        {
          copy_field (out, theirs, f);
          if (boxes != NULL)
            copy_field (out, theirs, boxes);
        }
    }
}

/* ---- what changed --------------------------------------------------------------------------- */

void
cs_change_free (CsChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change);
}

static void
add_change (GPtrArray    *out,
            GString      *path,
            CsChangeKind  kind,
            guint         max)
{
  CsChange *c;

  if (out->len >= max)
    return;
  c = g_new0 (CsChange, 1);
  c->path = g_strdup (path->str);
  c->kind = kind;
  g_ptr_array_add (out, c);
}

static void diff_record (CsRecord *a, CsRecord *b, GString *path, GPtrArray *out, guint max);

/* The elements of a list with an identity, matched by it as the merge matches them: an element
 * both have is compared field by field at its position in @b; one only @b has is added (at its
 * position in @b), one only @a has is removed (named by its position in @a). In the order the
 * merge would put them. FALSE (nothing added) when an element has no identity or two share one. */
static gboolean
diff_list_by_identity (const Identity *id,
                       GPtrArray      *la,
                       GPtrArray      *lb,
                       GString        *path,
                       GPtrArray      *out,
                       guint           max)
{
  g_autoptr(GHashTable) ah = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) a_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) a_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) b_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) b_list = g_ptr_array_new ();
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (Slot));
  gsize at = path->len;
  guint b_pos = 0;

  if (!index_list (id, la, ah, a_order) || !index_list (id, lb, bh, b_order))
    return FALSE;
  for (guint i = 0; i < a_order->len; i++)
    g_hash_table_insert (a_index, a_order->pdata[i], GUINT_TO_POINTER (i));
  for (guint i = 0; lb != NULL && i < lb->len; i++)
    g_ptr_array_add (b_list, lb->pdata[i]);
  /* as a merge of @b ("ours") with @a as base and "theirs": @a's elements that @b lacks are put
   * back where they were */
  order_slots (b_order, a_order, ah, bh, ah, b_list, slots);
  for (guint k = 0; k < slots->len && out->len < max; k++)
    {
      Slot *s = &g_array_index (slots, Slot, k);

      if (s->ours != NULL)
        {
          guint pos = b_pos++;

          if (s->base != NULL && cs_record_equal (s->base, s->ours))
            continue;
          g_string_append_printf (path, "[%u]", pos);
          if (s->base == NULL)
            add_change (out, path, CS_CHANGE_ADDED, max);
          else
            diff_record (s->base, s->ours, path, out, max);
        }
      else
        {
          g_string_append_printf (path, "[%u]",
                                  GPOINTER_TO_UINT (g_hash_table_lookup (a_index, s->id)));
          add_change (out, path, CS_CHANGE_REMOVED, max);
        }
      g_string_truncate (path, at);
    }
  return TRUE;
}

static void
diff_list (const CsField *f,
           GPtrArray     *la,
           GPtrArray     *lb,
           GString       *path,
           GPtrArray     *out,
           guint          max)
{
  const Identity *id = list_identity (f);
  guint na = la ? la->len : 0, nb = lb ? lb->len : 0;
  gsize at = path->len;

  if (id != NULL && diff_list_by_identity (id, la, lb, path, out, max))
    return;
  /* by position */
  for (guint k = 0; k < MAX (na, nb) && out->len < max; k++)
    {
      CsRecord *ea = k < na ? la->pdata[k] : NULL, *eb = k < nb ? lb->pdata[k] : NULL;

      if (cs_record_equal (ea, eb))
        continue;
      g_string_append_printf (path, "[%u]", k);
      if (ea != NULL && eb != NULL)
        diff_record (ea, eb, path, out, max);
      else
        add_change (out, path, ea == NULL ? CS_CHANGE_ADDED : CS_CHANGE_REMOVED, max);
      g_string_truncate (path, at);
    }
}

static void
diff_record (CsRecord  *a,
             CsRecord  *b,
             GString   *path,
             GPtrArray *out,
             guint      max)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (a != NULL ? a : b);
  GType type = G_OBJECT_TYPE (a != NULL ? a : b);
  gsize len = path->len;

  for (guint i = 0; i < klass->n_fields && out->len < max; i++)
    {
      const CsField *f = &klass->fields[i];
      const CsField *boxes = tagged_containers (klass, type, f);
      gboolean is_containers = FALSE;

      if (f->kind == CS_FIELD_STRV && cs_tagged_list_find (type, f->name, &is_containers) != NULL && is_containers)
        continue;   /* goes with its list */
      if (value_equal (a, b, f, boxes))
        continue;
      if (len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, f->name);
      if (f->kind == CS_FIELD_RECORD && a != NULL && b != NULL &&
          *(CsRecord **) CS_FIELD_SLOT (a, f) != NULL && *(CsRecord **) CS_FIELD_SLOT (b, f) != NULL)
        diff_record (*(CsRecord **) CS_FIELD_SLOT (a, f), *(CsRecord **) CS_FIELD_SLOT (b, f), path, out, max);
      else if (f->kind == CS_FIELD_LIST)
        diff_list (f, a ? cs_list_get_array (list_of (a, f)) : NULL,
                   b ? cs_list_get_array (list_of (b, f)) : NULL, path, out, max);
      else
        add_change (out, path, CS_CHANGE_CHANGED, max);
      g_string_truncate (path, len);
    }
}

GPtrArray *
cs_manifest_diff (CsManifest *a,
                  CsManifest *b,
                  guint       max)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_change_free);
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_val_if_fail (CS_IS_MANIFEST (a) && CS_IS_MANIFEST (b), out);

  diff_record (CS_RECORD (a), CS_RECORD (b), path, out, max);
  return out;
}

GPtrArray *
cs_manifest_changed_paths (CsManifest *a,
                           CsManifest *b,
                           guint       max)
{
  g_autoptr(GPtrArray) changes = cs_manifest_diff (a, b, max);
  GPtrArray *out = g_ptr_array_new_full (changes->len, g_free);

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (out, g_steal_pointer (&((CsChange *) changes->pdata[i])->path));
  return out;
}

CsManifest *
cs_manifest_merge (CsManifest     *base,
                   CsManifest     *ours,
                   CsManifest     *theirs,
                   CsMergePrefer   prefer,
                   GPtrArray     **conflicts_out,
                   GError        **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_merge_conflict_free);
  Merge m = { prefer, conflicts };
  CsManifest *result;

  g_return_val_if_fail (CS_IS_MANIFEST (base) && CS_IS_MANIFEST (ours) && CS_IS_MANIFEST (theirs), NULL);

  result = CS_MANIFEST (cs_record_copy (CS_RECORD (ours)));
  merge_record (&m, "", CS_RECORD (base), CS_RECORD (ours), CS_RECORD (theirs), CS_RECORD (result));
  if (conflicts_out != NULL)
    *conflicts_out = g_steal_pointer (&conflicts);
  return result;
}
