/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-row.c: one row of the Review page's findings list
 *
 * The row's widgets and what they show are declared in ui/cs-finding-row.ui, a template for a
 * GtkBuilderListItemFactory. What a row says depends on its page (the field names of the
 * manifest shown, whether the row above is of the same severity), so the factory's scope hands
 * the page to the template's <closure> functions as their last argument: a GtkBuilderCScope
 * that makes its closures with g_cclosure_new_object (function, owner). */

#include "config.h"

#include "cs-finding-row.h"

struct _CsFindingRow
{
  GtkBox  parent_instance;

  char   *label;
  char   *description;
};

G_DEFINE_FINAL_TYPE (CsFindingRow, cs_finding_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the scope --------------------------------------------------------------------------- */

#define CS_TYPE_FINDING_ROW_SCOPE (cs_finding_row_scope_get_type ())
G_DECLARE_FINAL_TYPE (CsFindingRowScope, cs_finding_row_scope, CS, FINDING_ROW_SCOPE, GtkBuilderCScope)

struct _CsFindingRowScope
{
  GtkBuilderCScope  parent_instance;

  GObject          *owner;   /* weak */
};

static GtkBuilderScopeInterface *parent_scope_iface;

static GClosure *
cs_finding_row_scope_create_closure (GtkBuilderScope         *scope,
                                     GtkBuilder              *builder,
                                     const char              *function_name,
                                     GtkBuilderClosureFlags   flags,
                                     GObject                 *object,
                                     GError                 **error)
{
  CsFindingRowScope *self = CS_FINDING_ROW_SCOPE (scope);
  GCallback function = gtk_builder_cscope_lookup_callback_symbol (GTK_BUILDER_CSCOPE (scope), function_name);

  /* Anything else (a swapped closure, a signal handler of an object) as a GtkBuilderCScope does. */
  if (function == NULL || self->owner == NULL || flags != 0 || object != NULL)
    return parent_scope_iface->create_closure (scope, builder, function_name, flags, object, error);
  return g_cclosure_new_object (function, self->owner);
}

static void
cs_finding_row_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  parent_scope_iface = g_type_interface_peek_parent (iface);
  /* Implemented again here: keep GtkBuilderCScope's way of finding types. */
  iface->get_type_from_name = parent_scope_iface->get_type_from_name;
  iface->get_type_from_function = parent_scope_iface->get_type_from_function;
  iface->create_closure = cs_finding_row_scope_create_closure;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CsFindingRowScope, cs_finding_row_scope, GTK_TYPE_BUILDER_CSCOPE,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE, cs_finding_row_scope_iface_init))

static void
cs_finding_row_scope_dispose (GObject *object)
{
  CsFindingRowScope *self = CS_FINDING_ROW_SCOPE (object);

  g_clear_weak_pointer (&self->owner);

  G_OBJECT_CLASS (cs_finding_row_scope_parent_class)->dispose (object);
}

static void
cs_finding_row_scope_class_init (CsFindingRowScopeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cs_finding_row_scope_dispose;
}

static void
cs_finding_row_scope_init (CsFindingRowScope *self)
{
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_finding_row_finalize (GObject *object)
{
  CsFindingRow *self = CS_FINDING_ROW (object);

  g_free (self->label);
  g_free (self->description);

  G_OBJECT_CLASS (cs_finding_row_parent_class)->finalize (object);
}

static void
cs_finding_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsFindingRow *self = CS_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_finding_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsFindingRow *self = CS_FINDING_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      cs_finding_row_set_label (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      cs_finding_row_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_finding_row_class_init (CsFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_finding_row_finalize;
  object_class->get_property = cs_finding_row_get_property;
  object_class->set_property = cs_finding_row_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_finding_row_init (CsFindingRow *self)
{
}

/* ---- public API -------------------------------------------------------------------------- */

const char *
cs_finding_row_get_label (CsFindingRow *self)
{
  g_return_val_if_fail (CS_IS_FINDING_ROW (self), NULL);
  return self->label;
}

void
cs_finding_row_set_label (CsFindingRow *self,
                          const char   *label)
{
  g_return_if_fail (CS_IS_FINDING_ROW (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label ? label : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
cs_finding_row_get_description (CsFindingRow *self)
{
  g_return_val_if_fail (CS_IS_FINDING_ROW (self), NULL);
  return self->description;
}

void
cs_finding_row_set_description (CsFindingRow *self,
                                const char   *description)
{
  g_return_if_fail (CS_IS_FINDING_ROW (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

GtkListItemFactory *
cs_finding_row_factory_new (GObject    *owner,
                            const char *first_callback_name,
                            ...)
{
  g_autoptr(CsFindingRowScope) scope = NULL;
  va_list args;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  g_type_ensure (CS_TYPE_FINDING_ROW);
  scope = g_object_new (CS_TYPE_FINDING_ROW_SCOPE, NULL);
  g_set_weak_pointer (&scope->owner, owner);
  va_start (args, first_callback_name);
  for (const char *name = first_callback_name; name != NULL; name = va_arg (args, const char *))
    gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), name, va_arg (args, GCallback));
  va_end (args);
  return gtk_builder_list_item_factory_new_from_resource (GTK_BUILDER_SCOPE (scope),
                                                          RESOURCE_BASE "/ui/cs-finding-row.ui");
}
