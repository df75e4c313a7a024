/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-record.h: the table-driven base of every model object
 *
 * Each model class (manifest, party, container, item, ...) describes its fields once, in a
 * static CsField table. That table drives GObject properties, change notification, copying,
 * comparison and the JSON interchange format, so none of them is written per field.
 *
 * Reading: code in app/core and app/export reads the public struct fields directly (fast).
 * Writing: observers (editor, autosave, incremental validation) must hear of a change, so
 * anything that edits a live manifest goes through cs_record_set_*(), which notifies the
 * property and emits CsManifest::changed at the root. Loaders fill fresh objects with the
 * cs_field_*() raw setters, which notify nobody.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CS_FIELD_STRING,    /* char *; NULL = absent, "" = present and empty */
  CS_FIELD_ENUM,      /* const char * interned, one of field->choices; NULL = absent */
  CS_FIELD_DATE,      /* char *, YYYY-MM-DD */
  CS_FIELD_DATETIME,  /* char *, YYYY-MM-DD or ISO 8601 date-time with zone */
  CS_FIELD_NUMBER,    /* double; NAN = absent */
  CS_FIELD_INTEGER,   /* double holding a whole number; NAN = absent */
  CS_FIELD_BOOLEAN,   /* gboolean */
  CS_FIELD_STRV,      /* GStrv; NULL = absent, empty vector = [] */
  CS_FIELD_INTV,      /* GArray of gint64; NULL = absent */
  CS_FIELD_RECORD,    /* CsRecord * sub-block; NULL = absent */
  CS_FIELD_LIST,      /* CsList * of records; never NULL */
} CsFieldKind;

typedef struct
{
  const char         *name;        /* JSON key; the property name is the same with '-' for '_' */
  CsFieldKind         kind;
  guint               offset;      /* into the instance struct */
  const char * const *choices;     /* CS_FIELD_ENUM: NULL-terminated allowed values */
  GType             (*type) (void);/* CS_FIELD_RECORD / CS_FIELD_LIST: the element type */
} CsField;

#define CS_FIELD_SLOT(obj, field) ((gpointer) (((guint8 *) (obj)) + (field)->offset))

#define CS_TYPE_RECORD (cs_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (CsRecord, cs_record, CS, RECORD, GObject)

typedef struct _CsList CsList;

struct _CsRecordClass
{
  GObjectClass parent_class;

  const CsField *fields;
  guint          n_fields;
  GParamSpec   **pspecs;    /* one per field, same order; filled by cs_record_class_install_fields */
};

/* Subclasses call this from class_init after setting fields/n_fields. */
void            cs_record_class_install_fields (CsRecordClass *klass,
                                                const CsField *fields,
                                                guint          n_fields);

const CsField  *cs_record_find_field      (CsRecord   *self,
                                           const char *name);
const CsField  *cs_record_class_find_field (CsRecordClass *klass,
                                            const char    *name);
CsRecord       *cs_record_get_parent      (CsRecord   *self);
CsRecord       *cs_record_get_root        (CsRecord   *self);
void            cs_record_set_parent      (CsRecord   *self,
                                           CsRecord   *parent);

/* Notifying setters (for live manifests). Unknown or wrong-kind field names are programmer errors. */
void            cs_record_set_string      (CsRecord   *self,
                                           const char *field,
                                           const char *value);
void            cs_record_set_number      (CsRecord   *self,
                                           const char *field,
                                           double      value);
void            cs_record_set_boolean     (CsRecord   *self,
                                           const char *field,
                                           gboolean    value);
void            cs_record_set_strv        (CsRecord           *self,
                                           const char         *field,
                                           const char * const *value);
void            cs_record_set_intv        (CsRecord     *self,
                                           const char   *field,
                                           const gint64 *values,
                                           guint         n_values);
void            cs_record_set_record      (CsRecord   *self,
                                           const char *field,
                                           CsRecord   *value);
/* Returns the sub-block, creating an empty one (and notifying) when it is absent. */
CsRecord       *cs_record_ensure_record   (CsRecord   *self,
                                           const char *field);
CsList         *cs_record_get_list        (CsRecord   *self,
                                           const char *field);

/* Tell the root that a field below is about to change / has changed (used by CsList and the
 * setters; "will-change" and "changed" signals on the root, with (origin record, field name)). */
void            cs_record_emit_will_change (CsRecord   *self,
                                            const char *field);
void            cs_record_emit_changed    (CsRecord   *self,
                                           const char *field);

/* Raw field access for loaders: no notification. Strings are copied, enums interned. */
void            cs_field_set_string       (CsRecord      *self,
                                           const CsField *field,
                                           const char    *value);
void            cs_field_take_string      (CsRecord      *self,
                                           const CsField *field,
                                           char          *value);
void            cs_field_set_number       (CsRecord      *self,
                                           const CsField *field,
                                           double         value);
void            cs_field_set_boolean      (CsRecord      *self,
                                           const CsField *field,
                                           gboolean       value);
void            cs_field_take_strv        (CsRecord      *self,
                                           const CsField *field,
                                           GStrv          value);
void            cs_field_take_intv        (CsRecord      *self,
                                           const CsField *field,
                                           GArray        *value);
void            cs_field_take_record      (CsRecord      *self,
                                           const CsField *field,
                                           CsRecord      *value);
gboolean        cs_field_enum_allows      (const CsField *field,
                                           const char    *value);
const char     *cs_field_get_string       (CsRecord      *self,
                                           const CsField *field);
/* Whether @field holds a value to write out: a set number, any boolean, a list with entries,
 * any other non-NULL slot ("" and [] count: present and empty). */
gboolean        cs_field_is_set           (CsRecord      *self,
                                           const CsField *field);

/* A new record of the same type with every field deep-copied (no parent). */
CsRecord       *cs_record_copy            (CsRecord   *self);
/* Deep equality over every field; NAN equals NAN. */
gboolean        cs_record_equal           (CsRecord   *a,
                                           CsRecord   *b);
/* TRUE when no field holds a value (used to drop empty sub-blocks). */
gboolean        cs_record_is_empty        (CsRecord   *self);

static inline gboolean
cs_num_is_set (double v)
{
  return v == v;  /* NAN is the only value unequal to itself */
}

G_END_DECLS
