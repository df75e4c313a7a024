/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-editor-page.c: what the five editor pages share */

#include "config.h"

#include "cs-editor-page.h"

typedef struct
{
  CsContext    *context;
  CsManifest   *manifest;
  CsValidation *validation;
} CsEditorPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CsEditorPage, cs_editor_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MANIFEST,
  PROP_VALIDATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_editor_page_dispose (GObject *object)
{
  CsEditorPage *self = CS_EDITOR_PAGE (object);
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  g_clear_object (&priv->manifest);
  g_clear_object (&priv->validation);
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (cs_editor_page_parent_class)->dispose (object);
}

static void
cs_editor_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsEditorPage *self = CS_EDITOR_PAGE (object);
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_MANIFEST:
      g_value_set_object (value, priv->manifest);
      break;
    case PROP_VALIDATION:
      g_value_set_object (value, priv->validation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_editor_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsEditorPage *self = CS_EDITOR_PAGE (object);
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    case PROP_MANIFEST:
      cs_editor_page_set_manifest (self, g_value_get_object (value));
      break;
    case PROP_VALIDATION:
      cs_editor_page_set_validation (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_editor_page_class_init (CsEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_editor_page_dispose;
  object_class->get_property = cs_editor_page_get_property;
  object_class->set_property = cs_editor_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL, CS_TYPE_MANIFEST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALIDATION] =
    g_param_spec_object ("validation", NULL, NULL, CS_TYPE_VALIDATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_editor_page_init (CsEditorPage *self)
{
}

CsContext *
cs_editor_page_get_context (CsEditorPage *self)
{
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_EDITOR_PAGE (self), NULL);
  return priv->context;
}

CsManifest *
cs_editor_page_get_manifest (CsEditorPage *self)
{
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_EDITOR_PAGE (self), NULL);
  return priv->manifest;
}

void
cs_editor_page_set_manifest (CsEditorPage *self,
                             CsManifest   *manifest)
{
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);
  g_autoptr(CsManifest) old = NULL;

  g_return_if_fail (CS_IS_EDITOR_PAGE (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));

  if (priv->manifest == manifest)
    return;
  old = g_steal_pointer (&priv->manifest);
  priv->manifest = manifest ? g_object_ref (manifest) : NULL;
  if (CS_EDITOR_PAGE_GET_CLASS (self)->manifest_changed != NULL)
    CS_EDITOR_PAGE_GET_CLASS (self)->manifest_changed (self, old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
}

CsValidation *
cs_editor_page_get_validation (CsEditorPage *self)
{
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);

  g_return_val_if_fail (CS_IS_EDITOR_PAGE (self), NULL);
  return priv->validation;
}

void
cs_editor_page_set_validation (CsEditorPage *self,
                               CsValidation *validation)
{
  CsEditorPagePrivate *priv = cs_editor_page_get_instance_private (self);
  g_autoptr(CsValidation) old = NULL;

  g_return_if_fail (CS_IS_EDITOR_PAGE (self));
  g_return_if_fail (validation == NULL || CS_IS_VALIDATION (validation));

  if (priv->validation == validation)
    return;
  old = g_steal_pointer (&priv->validation);
  priv->validation = validation ? g_object_ref (validation) : NULL;
  if (CS_EDITOR_PAGE_GET_CLASS (self)->validation_changed != NULL)
    CS_EDITOR_PAGE_GET_CLASS (self)->validation_changed (self, old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALIDATION]);
}

gboolean
cs_editor_page_focus_path (CsEditorPage *self,
                           const char   *json_path)
{
  g_return_val_if_fail (CS_IS_EDITOR_PAGE (self), FALSE);
  g_return_val_if_fail (json_path != NULL, FALSE);

  if (CS_EDITOR_PAGE_GET_CLASS (self)->focus_path == NULL)
    return FALSE;
  return CS_EDITOR_PAGE_GET_CLASS (self)->focus_path (self, json_path);
}

void
cs_editor_page_dispose_template (CsEditorPage *self,
                                 GType         template_type)
{
  g_return_if_fail (CS_IS_EDITOR_PAGE (self));

  cs_editor_page_set_manifest (self, NULL);
  cs_editor_page_set_validation (self, NULL);
  /* AdwBin keeps its own pointer to the child the template made: drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), template_type);
}
