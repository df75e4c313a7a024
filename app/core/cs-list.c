/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-list.c: an ordered list of records that is a GListModel */

#include "config.h"

#include <string.h>

#include "cs-list.h"

struct _CsList
{
  GObject     parent_instance;

  GType       item_type;
  CsRecord   *owner;       /* not a reference: the owner holds us */
  const char *field_name;  /* static, from the owner's field table */
  GPtrArray  *items;
};

static void cs_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsList, cs_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cs_list_model_iface_init))

static GType
cs_list_get_item_type (GListModel *model)
{
  return CS_LIST (model)->item_type;
}

static guint
cs_list_get_n_items (GListModel *model)
{
  return CS_LIST (model)->items->len;
}

static gpointer
cs_list_get_item (GListModel *model,
                  guint       position)
{
  CsList *self = CS_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
cs_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_list_get_item_type;
  iface->get_n_items = cs_list_get_n_items;
  iface->get_item = cs_list_get_item;
}

static void
cs_list_finalize (GObject *object)
{
  CsList *self = CS_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (cs_list_parent_class)->finalize (object);
}

static void
cs_list_class_init (CsListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_list_finalize;
}

static void
cs_list_init (CsList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CsList *
cs_list_new (GType       item_type,
             CsRecord   *owner,
             const char *field_name)
{
  CsList *self;

  g_return_val_if_fail (g_type_is_a (item_type, CS_TYPE_RECORD), NULL);

  self = g_object_new (CS_TYPE_LIST, NULL);
  self->item_type = item_type;
  self->owner = owner;
  self->field_name = field_name;
  return self;
}

guint
cs_list_length (CsList *self)
{
  g_return_val_if_fail (CS_IS_LIST (self), 0);
  return self->items->len;
}

gpointer
cs_list_index (CsList *self,
               guint   position)
{
  g_return_val_if_fail (CS_IS_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return self->items->pdata[position];
}

int
cs_list_find (CsList   *self,
              gpointer  record)
{
  guint pos;

  g_return_val_if_fail (CS_IS_LIST (self), -1);
  if (g_ptr_array_find (self->items, record, &pos))
    return (int) pos;
  return -1;
}

GPtrArray *
cs_list_get_array (CsList *self)
{
  g_return_val_if_fail (CS_IS_LIST (self), NULL);
  return self->items;
}

static void
adopt (CsList   *self,
       gpointer  record)
{
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (record, self->item_type));
  g_return_if_fail (cs_record_get_parent (record) == NULL);
  cs_record_set_parent (record, self->owner);
}

void
cs_list_append_silent (CsList   *self,
                       gpointer  record)
{
  g_return_if_fail (CS_IS_LIST (self));
  adopt (self, record);
  g_ptr_array_add (self->items, g_object_ref (record));
}

void
cs_list_splice (CsList   *self,
                guint     position,
                guint     n_removed,
                gpointer *added,
                guint     n_added)
{
  g_return_if_fail (CS_IS_LIST (self));
  g_return_if_fail (position + n_removed <= self->items->len);

  if (self->owner != NULL && (n_removed > 0 || n_added > 0))
    cs_record_emit_will_change (self->owner, self->field_name);

  for (guint i = 0; i < n_removed; i++)
    cs_record_set_parent (self->items->pdata[position + i], NULL);
  g_ptr_array_remove_range (self->items, position, n_removed);

  if (n_added > 0)
    {
      /* Open a gap once, then fill it: O(n) for the whole splice, not per element. */
      guint old_len = self->items->len;
      g_ptr_array_set_size (self->items, old_len + n_added);
      memmove (&self->items->pdata[position + n_added], &self->items->pdata[position],
               (old_len - position) * sizeof (gpointer));
      for (guint i = 0; i < n_added; i++)
        {
          adopt (self, added[i]);
          self->items->pdata[position + i] = g_object_ref (added[i]);
        }
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
  if (self->owner != NULL && (n_removed > 0 || n_added > 0))
    cs_record_emit_changed (self->owner, self->field_name);
}

void
cs_list_append (CsList   *self,
                gpointer  record)
{
  cs_list_splice (self, cs_list_length (self), 0, &record, 1);
}

void
cs_list_insert (CsList   *self,
                guint     position,
                gpointer  record)
{
  cs_list_splice (self, position, 0, &record, 1);
}

void
cs_list_remove (CsList *self,
                guint   position)
{
  cs_list_splice (self, position, 1, NULL, 0);
}

void
cs_list_clear (CsList *self)
{
  cs_list_splice (self, 0, cs_list_length (self), NULL, 0);
}
