/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-record.c: the table-driven base of every model object */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-list.h"
#include "cs-record.h"

typedef struct
{
  CsRecord *parent;   /* not a reference: the parent owns us and clears this when it lets go */
} CsRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CsRecord, cs_record, G_TYPE_OBJECT)

enum {
  WILL_CHANGE,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static inline const CsField *
field_for_prop (CsRecord *self,
                guint     prop_id)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (self);

  g_assert (prop_id >= 1 && prop_id <= klass->n_fields);
  return &klass->fields[prop_id - 1];
}

const CsField *
cs_record_class_find_field (CsRecordClass *klass,
                            const char    *name)
{
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0)
      return &klass->fields[i];
  return NULL;
}

const CsField *
cs_record_find_field (CsRecord   *self,
                      const char *name)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);

  return cs_record_class_find_field (CS_RECORD_GET_CLASS (self), name);
}

static GParamSpec *
field_pspec (CsRecord      *self,
             const CsField *field)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (self);

  return klass->pspecs[field - klass->fields];
}

/* ---- raw slot access ---------------------------------------------------- */

static void
free_slot (CsRecord      *self,
           const CsField *field)
{
  gpointer slot = CS_FIELD_SLOT (self, field);

  switch (field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      g_clear_pointer ((char **) slot, g_free);
      break;
    case CS_FIELD_ENUM:
      *(const char **) slot = NULL;
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      *(double *) slot = NAN;
      break;
    case CS_FIELD_BOOLEAN:
      *(gboolean *) slot = FALSE;
      break;
    case CS_FIELD_STRV:
      g_clear_pointer ((GStrv *) slot, g_strfreev);
      break;
    case CS_FIELD_INTV:
      g_clear_pointer ((GArray **) slot, g_array_unref);
      break;
    case CS_FIELD_RECORD:
      {
        CsRecord **rec = slot;
        if (*rec != NULL)
          cs_record_set_parent (*rec, NULL);
        g_clear_object (rec);
      }
      break;
    case CS_FIELD_LIST:
      {
        CsList **list = slot;
        if (*list != NULL)
          {
            GPtrArray *arr = cs_list_get_array (*list);
            for (guint i = 0; i < arr->len; i++)
              cs_record_set_parent (arr->pdata[i], NULL);
          }
        g_clear_object (list);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
cs_field_enum_allows (const CsField *field,
                      const char    *value)
{
  if (value == NULL || field->choices == NULL)
    return TRUE;
  for (guint i = 0; field->choices[i] != NULL; i++)
    if (strcmp (field->choices[i], value) == 0)
      return TRUE;
  return FALSE;
}

gboolean
cs_field_is_set (CsRecord      *self,
                 const CsField *field)
{
  gpointer slot = CS_FIELD_SLOT (self, field);

  switch (field->kind)
    {
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      return cs_num_is_set (*(double *) slot);
    case CS_FIELD_BOOLEAN:
      return TRUE;
    case CS_FIELD_LIST:
      return cs_list_length (*(CsList **) slot) > 0;
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
    case CS_FIELD_STRV:
    case CS_FIELD_INTV:
    case CS_FIELD_RECORD:
    default:
      return *(gpointer *) slot != NULL;
    }
}

const char *
cs_field_get_string (CsRecord      *self,
                     const CsField *field)
{
  g_assert (field->kind <= CS_FIELD_DATETIME);
  return *(const char **) CS_FIELD_SLOT (self, field);
}

void
cs_field_take_string (CsRecord      *self,
                      const CsField *field,
                      char          *value)
{
  gpointer slot = CS_FIELD_SLOT (self, field);

  if (field->kind == CS_FIELD_ENUM)
    {
      *(const char **) slot = value ? g_intern_string (value) : NULL;
      g_free (value);
      return;
    }
  g_assert (field->kind == CS_FIELD_STRING || field->kind == CS_FIELD_DATE ||
            field->kind == CS_FIELD_DATETIME);
  g_free (*(char **) slot);
  *(char **) slot = value;
}

void
cs_field_set_string (CsRecord      *self,
                     const CsField *field,
                     const char    *value)
{
  if (field->kind == CS_FIELD_ENUM)
    *(const char **) CS_FIELD_SLOT (self, field) = value ? g_intern_string (value) : NULL;
  else
    cs_field_take_string (self, field, g_strdup (value));
}

void
cs_field_set_number (CsRecord      *self,
                     const CsField *field,
                     double         value)
{
  g_assert (field->kind == CS_FIELD_NUMBER || field->kind == CS_FIELD_INTEGER);
  *(double *) CS_FIELD_SLOT (self, field) = value;
}

void
cs_field_set_boolean (CsRecord      *self,
                      const CsField *field,
                      gboolean       value)
{
  g_assert (field->kind == CS_FIELD_BOOLEAN);
  *(gboolean *) CS_FIELD_SLOT (self, field) = !!value;
}

void
cs_field_take_strv (CsRecord      *self,
                    const CsField *field,
                    GStrv          value)
{
  GStrv *slot = CS_FIELD_SLOT (self, field);

  g_assert (field->kind == CS_FIELD_STRV);
  g_strfreev (*slot);
  *slot = value;
}

void
cs_field_take_intv (CsRecord      *self,
                    const CsField *field,
                    GArray        *value)
{
  GArray **slot = CS_FIELD_SLOT (self, field);

  g_assert (field->kind == CS_FIELD_INTV);
  g_clear_pointer (slot, g_array_unref);
  *slot = value;
}

void
cs_field_take_record (CsRecord      *self,
                      const CsField *field,
                      CsRecord      *value)
{
  CsRecord **slot = CS_FIELD_SLOT (self, field);

  g_assert (field->kind == CS_FIELD_RECORD);
  g_assert (value == NULL || G_TYPE_CHECK_INSTANCE_TYPE (value, field->type ()));
  if (*slot != NULL)
    cs_record_set_parent (*slot, NULL);
  g_clear_object (slot);
  *slot = value;
  if (value != NULL)
    cs_record_set_parent (value, self);
}

/* ---- parent chain and change bubbling ----------------------------------- */

CsRecord *
cs_record_get_parent (CsRecord *self)
{
  CsRecordPrivate *priv = cs_record_get_instance_private (self);

  return priv->parent;
}

void
cs_record_set_parent (CsRecord *self,
                      CsRecord *parent)
{
  CsRecordPrivate *priv = cs_record_get_instance_private (self);

  priv->parent = parent;
}

CsRecord *
cs_record_get_root (CsRecord *self)
{
  CsRecord *r = self;
  CsRecord *p;

  while ((p = cs_record_get_parent (r)) != NULL)
    r = p;
  return r;
}

void
cs_record_emit_will_change (CsRecord   *self,
                            const char *field)
{
  g_return_if_fail (CS_IS_RECORD (self));

  g_signal_emit (cs_record_get_root (self), signals[WILL_CHANGE], 0, self, field);
}

void
cs_record_emit_changed (CsRecord   *self,
                        const char *field)
{
  g_return_if_fail (CS_IS_RECORD (self));

  g_signal_emit (cs_record_get_root (self), signals[CHANGED], 0, self, field);
}

/* ---- notifying setters --------------------------------------------------- */

static const CsField *
lookup (CsRecord    *self,
        const char  *name,
        CsFieldKind  kind_a,
        CsFieldKind  kind_b)
{
  const CsField *field = cs_record_find_field (self, name);

  if (field == NULL)
    {
      g_critical ("%s has no field '%s'", G_OBJECT_TYPE_NAME (self), name);
      return NULL;
    }
  if (field->kind != kind_a && field->kind != kind_b)
    {
      g_critical ("%s.%s is not of the kind asked for", G_OBJECT_TYPE_NAME (self), name);
      return NULL;
    }
  return field;
}

static void
changed (CsRecord      *self,
         const CsField *field)
{
  g_object_notify_by_pspec (G_OBJECT (self), field_pspec (self, field));
  cs_record_emit_changed (self, field->name);
}

void
cs_record_set_string (CsRecord   *self,
                      const char *name,
                      const char *value)
{
  const CsField *field;

  g_return_if_fail (CS_IS_RECORD (self));

  field = cs_record_find_field (self, name);
  if (field == NULL || field->kind > CS_FIELD_DATETIME)
    {
      g_critical ("%s has no string field '%s'", G_OBJECT_TYPE_NAME (self), name);
      return;
    }
  if (field->kind == CS_FIELD_ENUM && !cs_field_enum_allows (field, value))
    {
      g_critical ("'%s' is not a value of %s.%s", value, G_OBJECT_TYPE_NAME (self), name);
      return;
    }
  if (g_strcmp0 (cs_field_get_string (self, field), value) == 0)
    return;
  cs_record_emit_will_change (self, field->name);
  cs_field_set_string (self, field, value);
  changed (self, field);
}

void
cs_record_set_number (CsRecord   *self,
                      const char *name,
                      double      value)
{
  const CsField *field;
  double *slot;

  g_return_if_fail (CS_IS_RECORD (self));

  if ((field = lookup (self, name, CS_FIELD_NUMBER, CS_FIELD_INTEGER)) == NULL)
    return;
  slot = CS_FIELD_SLOT (self, field);
  if (*slot == value || (!cs_num_is_set (*slot) && !cs_num_is_set (value)))
    return;
  cs_record_emit_will_change (self, field->name);
  *slot = value;
  changed (self, field);
}

void
cs_record_set_boolean (CsRecord   *self,
                       const char *name,
                       gboolean    value)
{
  const CsField *field;
  gboolean *slot;

  g_return_if_fail (CS_IS_RECORD (self));

  if ((field = lookup (self, name, CS_FIELD_BOOLEAN, CS_FIELD_BOOLEAN)) == NULL)
    return;
  slot = CS_FIELD_SLOT (self, field);
  if (*slot == !!value)
    return;
  cs_record_emit_will_change (self, field->name);
  *slot = !!value;
  changed (self, field);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

void
cs_record_set_strv (CsRecord           *self,
                    const char         *name,
                    const char * const *value)
{
  const CsField *field;

  g_return_if_fail (CS_IS_RECORD (self));

  if ((field = lookup (self, name, CS_FIELD_STRV, CS_FIELD_STRV)) == NULL)
    return;
  if (strv_equal0 (*(const char * const **) CS_FIELD_SLOT (self, field), value))
    return;
  cs_record_emit_will_change (self, field->name);
  cs_field_take_strv (self, field, g_strdupv ((char **) value));
  changed (self, field);
}

static gboolean
intv_equal0 (GArray *a,
             GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

void
cs_record_set_intv (CsRecord     *self,
                    const char   *name,
                    const gint64 *values,
                    guint         n_values)
{
  const CsField *field;
  GArray *arr = NULL;

  g_return_if_fail (CS_IS_RECORD (self));

  if ((field = lookup (self, name, CS_FIELD_INTV, CS_FIELD_INTV)) == NULL)
    return;
  if (values != NULL || n_values > 0)
    {
      arr = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_values);
      g_array_append_vals (arr, values, n_values);
    }
  if (intv_equal0 (*(GArray **) CS_FIELD_SLOT (self, field), arr))
    {
      g_clear_pointer (&arr, g_array_unref);
      return;
    }
  cs_record_emit_will_change (self, field->name);
  cs_field_take_intv (self, field, arr);
  changed (self, field);
}

void
cs_record_set_record (CsRecord   *self,
                      const char *name,
                      CsRecord   *value)
{
  const CsField *field;
  CsRecord **slot;

  g_return_if_fail (CS_IS_RECORD (self));

  if ((field = lookup (self, name, CS_FIELD_RECORD, CS_FIELD_RECORD)) == NULL)
    return;
  slot = CS_FIELD_SLOT (self, field);
  if (*slot == value)
    return;
  g_return_if_fail (value == NULL || cs_record_get_parent (value) == NULL);
  cs_record_emit_will_change (self, field->name);
  cs_field_take_record (self, field, value ? g_object_ref (value) : NULL);
  changed (self, field);
}

CsRecord *
cs_record_ensure_record (CsRecord   *self,
                         const char *name)
{
  const CsField *field;
  CsRecord **slot;

  g_return_val_if_fail (CS_IS_RECORD (self), NULL);

  if ((field = lookup (self, name, CS_FIELD_RECORD, CS_FIELD_RECORD)) == NULL)
    return NULL;
  slot = CS_FIELD_SLOT (self, field);
  if (*slot == NULL)
    {
      cs_record_emit_will_change (self, field->name);
      cs_field_take_record (self, field, g_object_new (field->type (), NULL));
      changed (self, field);
    }
  return *slot;
}

CsList *
cs_record_get_list (CsRecord   *self,
                    const char *name)
{
  const CsField *field;

  g_return_val_if_fail (CS_IS_RECORD (self), NULL);

  if ((field = lookup (self, name, CS_FIELD_LIST, CS_FIELD_LIST)) == NULL)
    return NULL;
  return *(CsList **) CS_FIELD_SLOT (self, field);
}

/* ---- GObject plumbing ------------------------------------------------------ */

static void
cs_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsRecord *self = CS_RECORD (object);
  const CsField *field = field_for_prop (self, prop_id);
  gpointer slot = CS_FIELD_SLOT (self, field);

  switch (field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      g_value_set_string (value, *(const char **) slot);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      g_value_set_double (value, *(double *) slot);
      break;
    case CS_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) slot);
      break;
    case CS_FIELD_STRV:
      g_value_set_boxed (value, *(GStrv *) slot);
      break;
    case CS_FIELD_INTV:
      g_value_set_boxed (value, *(GArray **) slot);
      break;
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
      g_value_set_object (value, *(GObject **) slot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsRecord *self = CS_RECORD (object);
  const CsField *field = field_for_prop (self, prop_id);

  switch (field->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      cs_record_set_string (self, field->name, g_value_get_string (value));
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_record_set_number (self, field->name, g_value_get_double (value));
      break;
    case CS_FIELD_BOOLEAN:
      cs_record_set_boolean (self, field->name, g_value_get_boolean (value));
      break;
    case CS_FIELD_STRV:
      cs_record_set_strv (self, field->name, g_value_get_boxed (value));
      break;
    case CS_FIELD_INTV:
      {
        GArray *arr = g_value_get_boxed (value);
        cs_record_set_intv (self, field->name, arr ? (gint64 *) arr->data : NULL, arr ? arr->len : 0);
      }
      break;
    case CS_FIELD_RECORD:
      cs_record_set_record (self, field->name, g_value_get_object (value));
      break;
    case CS_FIELD_LIST:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_constructed (GObject *object)
{
  CsRecord *self = CS_RECORD (object);
  CsRecordClass *klass = CS_RECORD_GET_CLASS (self);

  G_OBJECT_CLASS (cs_record_parent_class)->constructed (object);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *field = &klass->fields[i];

      if (field->kind == CS_FIELD_NUMBER || field->kind == CS_FIELD_INTEGER)
        *(double *) CS_FIELD_SLOT (self, field) = NAN;
      else if (field->kind == CS_FIELD_LIST)
        *(CsList **) CS_FIELD_SLOT (self, field) = cs_list_new (field->type (), self, field->name);
    }
}

static void
cs_record_finalize (GObject *object)
{
  CsRecord *self = CS_RECORD (object);
  CsRecordClass *klass = CS_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    free_slot (self, &klass->fields[i]);

  G_OBJECT_CLASS (cs_record_parent_class)->finalize (object);
}

static void
cs_record_class_init (CsRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cs_record_get_property;
  object_class->set_property = cs_record_set_property;
  object_class->constructed = cs_record_constructed;
  object_class->finalize = cs_record_finalize;

  /**
   * CsRecord::will-change:
   * @origin: the record whose field is about to change
   * @field: the field's name
   *
   * Emitted on the root record just before a notifying edit, while the old value is still
   * in place (an undo history reads it here).
   */
  signals[WILL_CHANGE] =
    g_signal_new ("will-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CS_TYPE_RECORD, G_TYPE_STRING);

  /**
   * CsRecord::changed:
   * @origin: the record whose field changed (this one or one below it)
   * @field: the field's name
   *
   * Emitted on the root record (the manifest) after any notifying edit below it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CS_TYPE_RECORD, G_TYPE_STRING);
}

static void
cs_record_init (CsRecord *self)
{
}

void
cs_record_class_install_fields (CsRecordClass *klass,
                                const CsField *fields,
                                guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK |
                            G_PARAM_STATIC_BLURB;

  /* GObject does not let a subclass inherit these; every class with properties sets its own. */
  object_class->get_property = cs_record_get_property;
  object_class->set_property = cs_record_set_property;

  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->pspecs = g_new0 (GParamSpec *, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const CsField *f = &fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (f->name), "_", '-');
      GParamSpec *pspec;

      switch (f->kind)
        {
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
          break;
        case CS_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case CS_FIELD_STRV:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case CS_FIELD_INTV:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_ARRAY, flags);
          break;
        case CS_FIELD_RECORD:
          pspec = g_param_spec_object (name, NULL, NULL, f->type (), flags);
          break;
        case CS_FIELD_LIST:
          pspec = g_param_spec_object (name, NULL, NULL, CS_TYPE_LIST,
                                       G_PARAM_READABLE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
          break;
        default:
          g_assert_not_reached ();
        }
      klass->pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

/* ---- copy, equality, emptiness ------------------------------------------- */

CsRecord *
cs_record_copy (CsRecord *self)
{
  CsRecordClass *klass;
  CsRecord *copy;

  g_return_val_if_fail (CS_IS_RECORD (self), NULL);

  klass = CS_RECORD_GET_CLASS (self);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      gpointer src = CS_FIELD_SLOT (self, f);

      switch (f->kind)
        {
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          cs_field_set_string (copy, f, *(const char **) src);
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          cs_field_set_number (copy, f, *(double *) src);
          break;
        case CS_FIELD_BOOLEAN:
          cs_field_set_boolean (copy, f, *(gboolean *) src);
          break;
        case CS_FIELD_STRV:
          cs_field_take_strv (copy, f, g_strdupv (*(GStrv *) src));
          break;
        case CS_FIELD_INTV:
          {
            GArray *a = *(GArray **) src;
            GArray *b = NULL;
            if (a != NULL)
              {
                b = g_array_sized_new (FALSE, FALSE, sizeof (gint64), a->len);
                g_array_append_vals (b, a->data, a->len);
              }
            cs_field_take_intv (copy, f, b);
          }
          break;
        case CS_FIELD_RECORD:
          if (*(CsRecord **) src != NULL)
            cs_field_take_record (copy, f, cs_record_copy (*(CsRecord **) src));
          break;
        case CS_FIELD_LIST:
          {
            GPtrArray *arr = cs_list_get_array (*(CsList **) src);
            CsList *dst = *(CsList **) CS_FIELD_SLOT (copy, f);
            for (guint j = 0; j < arr->len; j++)
              {
                CsRecord *c = cs_record_copy (arr->pdata[j]);
                cs_list_append_silent (dst, c);
                g_object_unref (c);
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return copy;
}

gboolean
cs_record_equal (CsRecord *a,
                 CsRecord *b)
{
  CsRecordClass *klass;

  if (a == NULL || b == NULL)
    return a == b;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  klass = CS_RECORD_GET_CLASS (a);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      gpointer sa = CS_FIELD_SLOT (a, f);
      gpointer sb = CS_FIELD_SLOT (b, f);

      switch (f->kind)
        {
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          if (g_strcmp0 (*(const char **) sa, *(const char **) sb) != 0)
            return FALSE;
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          {
            double x = *(double *) sa, y = *(double *) sb;
            if (!(x == y || (!cs_num_is_set (x) && !cs_num_is_set (y))))
              return FALSE;
          }
          break;
        case CS_FIELD_BOOLEAN:
          if (*(gboolean *) sa != *(gboolean *) sb)
            return FALSE;
          break;
        case CS_FIELD_STRV:
          if (!strv_equal0 (*(const char * const **) sa, *(const char * const **) sb))
            return FALSE;
          break;
        case CS_FIELD_INTV:
          if (!intv_equal0 (*(GArray **) sa, *(GArray **) sb))
            return FALSE;
          break;
        case CS_FIELD_RECORD:
          if (!cs_record_equal (*(CsRecord **) sa, *(CsRecord **) sb))
            return FALSE;
          break;
        case CS_FIELD_LIST:
          {
            GPtrArray *la = cs_list_get_array (*(CsList **) sa);
            GPtrArray *lb = cs_list_get_array (*(CsList **) sb);
            if (la->len != lb->len)
              return FALSE;
            for (guint j = 0; j < la->len; j++)
              if (!cs_record_equal (la->pdata[j], lb->pdata[j]))
                return FALSE;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

gboolean
cs_record_is_empty (CsRecord *self)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      gpointer s = CS_FIELD_SLOT (self, f);

      switch (f->kind)
        {
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          if (cs_num_is_set (*(double *) s))
            return FALSE;
          break;
        case CS_FIELD_BOOLEAN:
          if (*(gboolean *) s)
            return FALSE;
          break;
        case CS_FIELD_LIST:
          if (cs_list_length (*(CsList **) s) > 0)
            return FALSE;
          break;
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
        case CS_FIELD_STRV:
        case CS_FIELD_INTV:
        case CS_FIELD_RECORD:
        default:
          if (*(gpointer *) s != NULL)
            return FALSE;
        }
    }
  return TRUE;
}
