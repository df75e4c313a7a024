/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-enums.c: enum values <-> their JSON strings, the one place that converts */

#include "config.h"

#include "cs-enums.h"

/* The class of a static enum type, referenced once and kept (these types are never unloaded). */
static GEnumClass *
enum_class (GType enum_type)
{
  GEnumClass *klass = g_type_class_peek (enum_type);

  return klass != NULL ? klass : g_type_class_ref (enum_type);
}

const char *
cs_enum_to_string (GType enum_type,
                   int   value)
{
  GEnumClass *klass;
  GEnumValue *v;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  if (value < 0)
    return NULL;
  klass = enum_class (enum_type);
  v = g_enum_get_value (klass, value);
  return v != NULL ? g_intern_static_string (v->value_nick) : NULL;
}

int
cs_enum_from_string (GType       enum_type,
                     const char *string)
{
  GEnumClass *klass;
  GEnumValue *v;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), -1);

  if (string == NULL)
    return -1;
  klass = enum_class (enum_type);
  v = g_enum_get_value_by_nick (klass, string);
  return v != NULL ? v->value : -1;
}
