/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-history.c: undo and redo over every edit of a live manifest */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-history.h"

typedef struct
{
  CsRecord      *origin;        /* reference */
  const CsField *field;
  union
  {
    struct { char *old_v, *new_v; } s;          /* string, enum (interned, not owned), dates */
    struct { double old_v, new_v; } n;
    struct { gboolean old_v, new_v; } b;
    struct { GStrv old_v, new_v; } strv;
    struct { GArray *old_v, *new_v; } intv;
    struct { CsRecord *old_v, *new_v; } rec;    /* references */
    struct
    {
      guint      position;
      GPtrArray *old_v;         /* the records the splice removed (references) */
      GPtrArray *new_v;         /* the records it inserted (references) */
      GPtrArray *snapshot;      /* while pending: the whole list before the edit */
    } list;
  } u;
} Change;

typedef struct
{
  GPtrArray *changes;           /* of Change */
  gint64     time;              /* monotonic time of the last edit that went in (us) */
} Group;

struct _CsHistory
{
  GObject     parent_instance;

  CsManifest *manifest;
  GPtrArray  *undo;             /* of Group, oldest first */
  GPtrArray  *redo;             /* of Group, the next to redo last */
  GPtrArray  *pending;          /* of Change: between will-change and changed */
  Group      *open;             /* the step still taking edits (borrowed from undo), or NULL */
  guint       close_id;         /* idle that closes @open */
  guint       burst_timeout;    /* ms */
  gboolean    burst_broken;
  gboolean    applying;
};

G_DEFINE_FINAL_TYPE (CsHistory, cs_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MANIFEST,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BURST_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- changes and groups ------------------------------------------------------------------ */

static void
change_free (gpointer data)
{
  Change *c = data;

  switch (c->field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      g_free (c->u.s.old_v);
      g_free (c->u.s.new_v);
      break;
    case CS_FIELD_STRV:
      g_strfreev (c->u.strv.old_v);
      g_strfreev (c->u.strv.new_v);
      break;
    case CS_FIELD_INTV:
      g_clear_pointer (&c->u.intv.old_v, g_array_unref);
      g_clear_pointer (&c->u.intv.new_v, g_array_unref);
      break;
    case CS_FIELD_RECORD:
      g_clear_object (&c->u.rec.old_v);
      g_clear_object (&c->u.rec.new_v);
      break;
    case CS_FIELD_LIST:
      g_clear_pointer (&c->u.list.old_v, g_ptr_array_unref);
      g_clear_pointer (&c->u.list.new_v, g_ptr_array_unref);
      g_clear_pointer (&c->u.list.snapshot, g_ptr_array_unref);
      break;
    case CS_FIELD_ENUM:
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
    case CS_FIELD_BOOLEAN:
    default:
      break;
    }
  g_clear_object (&c->origin);
  g_free (c);
}

static void
group_free (gpointer data)
{
  Group *g = data;

  g_ptr_array_unref (g->changes);
  g_free (g);
}

static GArray *
intv_dup (GArray *a)
{
  GArray *copy;

  if (a == NULL)
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), a->len);
  g_array_append_vals (copy, a->data, a->len);
  return copy;
}

static GPtrArray *
ref_range (GPtrArray *array,
           guint      start,
           guint      end)
{
  GPtrArray *out = g_ptr_array_new_full (end - start, g_object_unref);

  for (guint i = start; i < end; i++)
    g_ptr_array_add (out, g_object_ref (array->pdata[i]));
  return out;
}

/* Reads the field's current value into the old (@is_new FALSE) or new side of @c. */
static void
capture (Change   *c,
         gboolean  is_new)
{
  gpointer slot = CS_FIELD_SLOT (c->origin, c->field);

  switch (c->field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      if (is_new)
        c->u.s.new_v = g_strdup (*(char **) slot);
      else
        c->u.s.old_v = g_strdup (*(char **) slot);
      break;
    case CS_FIELD_ENUM:
      if (is_new)
        c->u.s.new_v = *(char **) slot;
      else
        c->u.s.old_v = *(char **) slot;
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      if (is_new)
        c->u.n.new_v = *(double *) slot;
      else
        c->u.n.old_v = *(double *) slot;
      break;
    case CS_FIELD_BOOLEAN:
      if (is_new)
        c->u.b.new_v = *(gboolean *) slot;
      else
        c->u.b.old_v = *(gboolean *) slot;
      break;
    case CS_FIELD_STRV:
      if (is_new)
        c->u.strv.new_v = g_strdupv (*(GStrv *) slot);
      else
        c->u.strv.old_v = g_strdupv (*(GStrv *) slot);
      break;
    case CS_FIELD_INTV:
      if (is_new)
        c->u.intv.new_v = intv_dup (*(GArray **) slot);
      else
        c->u.intv.old_v = intv_dup (*(GArray **) slot);
      break;
    case CS_FIELD_RECORD:
      if (is_new)
        g_set_object (&c->u.rec.new_v, *(CsRecord **) slot);
      else
        g_set_object (&c->u.rec.old_v, *(CsRecord **) slot);
      break;
    case CS_FIELD_LIST:
      {
        GPtrArray *now = cs_list_get_array (*(CsList **) slot);

        if (!is_new)
          {
            c->u.list.snapshot = ref_range (now, 0, now->len);
          }
        else
          {
            /* Keep only the range that differs: common prefix and suffix are dropped. */
            GPtrArray *before = c->u.list.snapshot;
            guint p = 0, s = 0;
            guint shortest = MIN (before->len, now->len);

            while (p < shortest && before->pdata[p] == now->pdata[p])
              p++;
            while (s < shortest - p &&
                   before->pdata[before->len - 1 - s] == now->pdata[now->len - 1 - s])
              s++;
            c->u.list.position = p;
            c->u.list.old_v = ref_range (before, p, before->len - s);
            c->u.list.new_v = ref_range (now, p, now->len - s);
            g_clear_pointer (&c->u.list.snapshot, g_ptr_array_unref);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
change_is_noop (Change *c)
{
  switch (c->field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
    case CS_FIELD_ENUM:
      return g_strcmp0 (c->u.s.old_v, c->u.s.new_v) == 0;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      return c->u.n.old_v == c->u.n.new_v ||
             (!cs_num_is_set (c->u.n.old_v) && !cs_num_is_set (c->u.n.new_v));
    case CS_FIELD_BOOLEAN:
      return c->u.b.old_v == c->u.b.new_v;
    case CS_FIELD_RECORD:
      return c->u.rec.old_v == c->u.rec.new_v;
    case CS_FIELD_LIST:
      return c->u.list.old_v->len == 0 && c->u.list.new_v->len == 0;
    case CS_FIELD_STRV:
    case CS_FIELD_INTV:
    default:
      return FALSE;
    }
}

/* Sets the field back to its old (@use_new FALSE) or forward to its new value. */
static void
apply (Change   *c,
       gboolean  use_new)
{
  const char *name = c->field->name;
  static const gint64 no_values[1] = { 0 };

  switch (c->field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
    case CS_FIELD_ENUM:
      cs_record_set_string (c->origin, name, use_new ? c->u.s.new_v : c->u.s.old_v);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_record_set_number (c->origin, name, use_new ? c->u.n.new_v : c->u.n.old_v);
      break;
    case CS_FIELD_BOOLEAN:
      cs_record_set_boolean (c->origin, name, use_new ? c->u.b.new_v : c->u.b.old_v);
      break;
    case CS_FIELD_STRV:
      cs_record_set_strv (c->origin, name,
                          (const char * const *) (use_new ? c->u.strv.new_v : c->u.strv.old_v));
      break;
    case CS_FIELD_INTV:
      {
        GArray *a = use_new ? c->u.intv.new_v : c->u.intv.old_v;

        if (a == NULL)
          cs_record_set_intv (c->origin, name, NULL, 0);
        else
          cs_record_set_intv (c->origin, name,
                              a->len > 0 ? (const gint64 *) (gpointer) a->data : no_values, a->len);
      }
      break;
    case CS_FIELD_RECORD:
      cs_record_set_record (c->origin, name, use_new ? c->u.rec.new_v : c->u.rec.old_v);
      break;
    case CS_FIELD_LIST:
      {
        CsList *list = cs_record_get_list (c->origin, name);
        GPtrArray *out = use_new ? c->u.list.old_v : c->u.list.new_v;
        GPtrArray *in = use_new ? c->u.list.new_v : c->u.list.old_v;

        cs_list_splice (list, c->u.list.position, out->len, in->pdata, in->len);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- recording --------------------------------------------------------------------------- */

static gboolean
close_open_cb (gpointer user_data)
{
  CsHistory *self = user_data;

  self->open = NULL;
  self->close_id = 0;
  return G_SOURCE_REMOVE;
}

static void
close_open (CsHistory *self)
{
  g_clear_handle_id (&self->close_id, g_source_remove);
  self->open = NULL;
}

static void
set_stacks (CsHistory *self,
            gboolean   could_undo,
            gboolean   could_redo)
{
  if (could_undo != cs_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != cs_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* A string-vector edit as typing makes it: at most one entry replaced by at most one (a
 * character typed into or deleted from a VIN, the first character of the next one). A paste of
 * several, or boxes given to a run of cars at once, is an action of its own, never merged. */
static gboolean
strv_typing_edit (const char * const *old_v,
                  const char * const *new_v)
{
  guint n_old = old_v != NULL ? g_strv_length ((char **) old_v) : 0;
  guint n_new = new_v != NULL ? g_strv_length ((char **) new_v) : 0;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new && strcmp (old_v[prefix], new_v[prefix]) == 0)
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         strcmp (old_v[n_old - 1 - suffix], new_v[n_new - 1 - suffix]) == 0)
    suffix++;
  return n_old - prefix - suffix <= 1 && n_new - prefix - suffix <= 1;
}

static gboolean
try_merge (CsHistory *self,
           Change    *c,
           gint64     now)
{
  Group *top;
  Change *prev;
  CsFieldKind kind = c->field->kind;

  if (self->burst_timeout == 0 || self->burst_broken || self->undo->len == 0)
    return FALSE;
  if (kind == CS_FIELD_ENUM || kind == CS_FIELD_BOOLEAN || kind == CS_FIELD_RECORD ||
      kind == CS_FIELD_LIST || kind == CS_FIELD_INTV)
    return FALSE;

  top = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (top->changes->len != 1 || now - top->time > (gint64) self->burst_timeout * 1000)
    return FALSE;
  prev = g_ptr_array_index (top->changes, 0);
  if (prev->origin != c->origin || prev->field != c->field)
    return FALSE;
  if (kind == CS_FIELD_STRV &&
      !strv_typing_edit ((const char * const *) c->u.strv.old_v, (const char * const *) c->u.strv.new_v))
    return FALSE;

  /* Same field, still typing: the step now ends at the new value. */
  switch (kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      g_free (prev->u.s.new_v);
      prev->u.s.new_v = g_steal_pointer (&c->u.s.new_v);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      prev->u.n.new_v = c->u.n.new_v;
      break;
    case CS_FIELD_STRV:
      g_strfreev (prev->u.strv.new_v);
      prev->u.strv.new_v = g_steal_pointer (&c->u.strv.new_v);
      break;
    case CS_FIELD_ENUM:
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_INTV:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
  top->time = now;
  change_free (c);
  return TRUE;
}

static void
record (CsHistory *self,
        Change    *c)
{
  gboolean could_undo = cs_history_get_can_undo (self);
  gboolean could_redo = cs_history_get_can_redo (self);
  gint64 now = g_get_monotonic_time ();

  /* A new edit makes the redo steps meaningless. */
  if (self->redo->len > 0)
    g_ptr_array_set_size (self->redo, 0);

  if (self->open != NULL)
    {
      g_ptr_array_add (self->open->changes, c);
      self->open->time = now;
    }
  else if (try_merge (self, c, now))
    {
      /* The rest of this turn's edits belong to the step the edit merged into (the VIN list
       * and its boxes set by one paste are one step, even right after typing). */
      self->open = g_ptr_array_index (self->undo, self->undo->len - 1);
      self->close_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_open_cb, self, NULL);
    }
  else
    {
      Group *g = g_new0 (Group, 1);

      g->changes = g_ptr_array_new_with_free_func (change_free);
      g_ptr_array_add (g->changes, c);
      g->time = now;
      g_ptr_array_add (self->undo, g);
      self->open = g;
      self->close_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_open_cb, self, NULL);
    }
  self->burst_broken = FALSE;
  set_stacks (self, could_undo, could_redo);
}

static void
on_will_change_cb (CsHistory  *self,
                   CsRecord   *origin,
                   const char *name)
{
  const CsField *field;
  Change *c;

  if (self->applying)
    return;
  field = cs_record_find_field (origin, name);
  if (field == NULL)
    return;
  c = g_new0 (Change, 1);
  c->origin = g_object_ref (origin);
  c->field = field;
  capture (c, FALSE);
  g_ptr_array_add (self->pending, c);
}

static void
on_changed_cb (CsHistory  *self,
               CsRecord   *origin,
               const char *name)
{
  Change *c = NULL;

  if (self->applying)
    return;
  for (guint i = self->pending->len; i > 0; i--)
    {
      Change *p = g_ptr_array_index (self->pending, i - 1);

      if (p->origin == origin && strcmp (p->field->name, name) == 0)
        {
          c = g_ptr_array_steal_index (self->pending, i - 1);
          break;
        }
    }
  if (c == NULL)
    return;
  capture (c, TRUE);
  if (change_is_noop (c))
    change_free (c);
  else
    record (self, c);
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_history_set_manifest (CsHistory  *self,
                         CsManifest *manifest)
{
  g_assert (self->manifest == NULL);
  if (manifest == NULL)
    return;
  self->manifest = g_object_ref (manifest);
  g_signal_connect_object (manifest, "will-change", G_CALLBACK (on_will_change_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manifest, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
cs_history_dispose (GObject *object)
{
  CsHistory *self = CS_HISTORY (object);

  close_open (self);
  if (self->manifest != NULL)
    g_signal_handlers_disconnect_by_data (self->manifest, self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_set_size (self->pending, 0);
  g_clear_object (&self->manifest);

  G_OBJECT_CLASS (cs_history_parent_class)->dispose (object);
}

static void
cs_history_finalize (GObject *object)
{
  CsHistory *self = CS_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_ptr_array_unref (self->pending);

  G_OBJECT_CLASS (cs_history_parent_class)->finalize (object);
}

static void
cs_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsHistory *self = CS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cs_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cs_history_get_can_redo (self));
      break;
    case PROP_BURST_TIMEOUT:
      g_value_set_uint (value, self->burst_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsHistory *self = CS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_MANIFEST:
      cs_history_set_manifest (self, g_value_get_object (value));
      break;
    case PROP_BURST_TIMEOUT:
      cs_history_set_burst_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_history_class_init (CsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_history_dispose;
  object_class->finalize = cs_history_finalize;
  object_class->get_property = cs_history_get_property;
  object_class->set_property = cs_history_set_property;

  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL, CS_TYPE_MANIFEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BURST_TIMEOUT] =
    g_param_spec_uint ("burst-timeout", NULL, NULL, 0, 60000, 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_history_init (CsHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (group_free);
  self->redo = g_ptr_array_new_with_free_func (group_free);
  self->pending = g_ptr_array_new_with_free_func (change_free);
  self->burst_timeout = 1000;
}

/* ---- public API -------------------------------------------------------------------------- */

CsHistory *
cs_history_new (CsManifest *manifest)
{
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);

  return g_object_new (CS_TYPE_HISTORY, "manifest", manifest, NULL);
}

CsManifest *
cs_history_get_manifest (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), NULL);
  return self->manifest;
}

gboolean
cs_history_get_can_undo (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
cs_history_get_can_redo (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

guint
cs_history_get_n_undo (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), 0);
  return self->undo->len;
}

guint
cs_history_get_n_redo (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), 0);
  return self->redo->len;
}

static gboolean
step (CsHistory   *self,
      gboolean     forward,
      CsRecord   **origin_out,
      const char **field_out)
{
  GPtrArray *from = forward ? self->redo : self->undo;
  GPtrArray *to = forward ? self->undo : self->redo;
  gboolean could_undo = cs_history_get_can_undo (self);
  gboolean could_redo = cs_history_get_can_redo (self);
  Group *g;
  Change *first;

  cs_history_seal (self);
  if (from->len == 0 || self->pending->len > 0)
    return FALSE;

  g = g_ptr_array_steal_index (from, from->len - 1);
  self->applying = TRUE;
  if (forward)
    for (guint i = 0; i < g->changes->len; i++)
      apply (g_ptr_array_index (g->changes, i), TRUE);
  else
    for (guint i = g->changes->len; i > 0; i--)
      apply (g_ptr_array_index (g->changes, i - 1), FALSE);
  self->applying = FALSE;
  g_ptr_array_add (to, g);

  first = g_ptr_array_index (g->changes, 0);
  if (origin_out != NULL)
    *origin_out = first->origin;
  if (field_out != NULL)
    *field_out = first->field->name;

  set_stacks (self, could_undo, could_redo);
  return TRUE;
}

gboolean
cs_history_undo (CsHistory   *self,
                 CsRecord   **origin_out,
                 const char **field_out)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), FALSE);
  return step (self, FALSE, origin_out, field_out);
}

gboolean
cs_history_redo (CsHistory   *self,
                 CsRecord   **origin_out,
                 const char **field_out)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), FALSE);
  return step (self, TRUE, origin_out, field_out);
}

void
cs_history_seal (CsHistory *self)
{
  g_return_if_fail (CS_IS_HISTORY (self));

  close_open (self);
  self->burst_broken = TRUE;
}

void
cs_history_clear (CsHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (CS_IS_HISTORY (self));

  could_undo = cs_history_get_can_undo (self);
  could_redo = cs_history_get_can_redo (self);
  close_open (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  set_stacks (self, could_undo, could_redo);
}

guint
cs_history_get_burst_timeout (CsHistory *self)
{
  g_return_val_if_fail (CS_IS_HISTORY (self), 0);
  return self->burst_timeout;
}

void
cs_history_set_burst_timeout (CsHistory *self,
                              guint      msec)
{
  g_return_if_fail (CS_IS_HISTORY (self));

  if (self->burst_timeout == msec)
    return;
  self->burst_timeout = msec;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BURST_TIMEOUT]);
}
