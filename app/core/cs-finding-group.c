/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-group.c: identical findings summed up where people read them */

#include "config.h"

#include "cs-finding-group.h"

struct _CsFindingGroup
{
  GObject    parent_instance;
  GPtrArray *findings;   /* CsFinding, references; at least one */
};

static void cs_finding_group_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsFindingGroup, cs_finding_group, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cs_finding_group_list_model_init))

static GType
cs_finding_group_get_item_type (GListModel *model)
{
  return CS_TYPE_FINDING;
}

static guint
cs_finding_group_get_n_items (GListModel *model)
{
  return CS_FINDING_GROUP (model)->findings->len;
}

static gpointer
cs_finding_group_get_item (GListModel *model,
                           guint       position)
{
  CsFindingGroup *self = CS_FINDING_GROUP (model);

  if (position >= self->findings->len)
    return NULL;
  return g_object_ref (self->findings->pdata[position]);
}

static void
cs_finding_group_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_finding_group_get_item_type;
  iface->get_n_items = cs_finding_group_get_n_items;
  iface->get_item = cs_finding_group_get_item;
}

static void
cs_finding_group_finalize (GObject *object)
{
  CsFindingGroup *self = CS_FINDING_GROUP (object);

  g_ptr_array_unref (self->findings);

  G_OBJECT_CLASS (cs_finding_group_parent_class)->finalize (object);
}

static void
cs_finding_group_class_init (CsFindingGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_finding_group_finalize;
}

static void
cs_finding_group_init (CsFindingGroup *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

gboolean
cs_finding_same_shape (const CsFinding *a,
                       const CsFinding *b)
{
  /* rule ids are interned */
  return a->rule == b->rule && a->severity == b->severity && cs_finding_hint_equal (a, b);
}

static guint
shape_hash (gconstpointer key)
{
  const CsFinding *f = key;

  return cs_finding_hint_hash (f) ^ g_direct_hash (f->rule) ^ (guint) f->severity;
}

static gboolean
shape_equal (gconstpointer a,
             gconstpointer b)
{
  return cs_finding_same_shape (a, b);
}

CsFinding *
cs_finding_group_get_first (CsFindingGroup *self)
{
  g_return_val_if_fail (CS_IS_FINDING_GROUP (self), NULL);
  return self->findings->pdata[0];
}

guint
cs_finding_group_get_n_findings (CsFindingGroup *self)
{
  g_return_val_if_fail (CS_IS_FINDING_GROUP (self), 0);
  return self->findings->len;
}

CsFinding *
cs_finding_group_get_finding (CsFindingGroup *self,
                              guint           index)
{
  g_return_val_if_fail (CS_IS_FINDING_GROUP (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return self->findings->pdata[index];
}

static CsFindingGroup *
group_new (CsFinding *first)
{
  CsFindingGroup *self = g_object_new (CS_TYPE_FINDING_GROUP, NULL);

  g_ptr_array_add (self->findings, g_object_ref (first));
  return self;
}

GPtrArray *
cs_finding_group_findings (CsFinding * const *findings,
                           guint              n_findings,
                           guint              min)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) shapes = NULL;   /* a finding of each shape → its CsFindingGroup */
  g_autofree CsFindingGroup **of = NULL; /* each finding's group */

  g_return_val_if_fail (findings != NULL || n_findings == 0, out);

  if (min == G_MAXUINT)
    {
      for (guint i = 0; i < n_findings; i++)
        g_ptr_array_add (out, group_new (findings[i]));
      return out;
    }

  /* First the shapes and their findings, then one entry each at the place of its first
   * finding: hashing every finding once is what keeps 66,000 of them a few milliseconds. */
  shapes = g_hash_table_new_full (shape_hash, shape_equal, NULL, g_object_unref);
  of = g_new (CsFindingGroup *, n_findings);
  for (guint i = 0; i < n_findings; i++)
    {
      CsFindingGroup *group = g_hash_table_lookup (shapes, findings[i]);

      if (group == NULL)
        {
          group = group_new (findings[i]);
          g_hash_table_insert (shapes, findings[i], group);
        }
      else
        g_ptr_array_add (group->findings, g_object_ref (findings[i]));
      of[i] = group;
    }
  for (guint i = 0; i < n_findings; i++)
    {
      CsFindingGroup *group = of[i];

      if (group->findings->len >= min)
        {
          if (group->findings->pdata[0] == findings[i])
            g_ptr_array_add (out, g_object_ref (group));
        }
      else if (group->findings->len == 1)
        g_ptr_array_add (out, g_object_ref (group));
      else
        g_ptr_array_add (out, group_new (findings[i]));
    }
  return out;
}
