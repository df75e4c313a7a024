/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-lookup.c: the findings a widget shows for a path, and following a validation */

#include "config.h"

#include <string.h>

#include "cs-finding-lookup.h"
#include "cs-validator.h"

CsFinding *
cs_field_row_lookup_finding (CsValidation *validation,
                             const char   *path,
                             gboolean      elements_too)
{
  GListModel *model = (GListModel *) validation;
  CsFinding *best = NULL;
  gsize len;
  guint n;

  if (validation == NULL || path == NULL)
    return NULL;
  g_return_val_if_fail (G_IS_LIST_MODEL (validation), NULL);

  len = strlen (path);

  /* The real thing: scan its flat array of borrowed findings (no references taken). */
  if (CS_IS_VALIDATION (validation))
    {
      g_autoptr(GPtrArray) found = cs_validation_find (validation, path);

      for (guint i = 0; i < found->len; i++)
        {
          CsFinding *f = g_ptr_array_index (found, i);

          if (f->path[len] != '\0' && !(elements_too && f->path[len] == '['))
            continue;
          if (best == NULL || f->severity < best->severity)
            {
              g_set_object (&best, f);
              if (f->severity == CS_SEVERITY_ERROR)
                break;
            }
        }
      return best;
    }

  /* Any other GListModel of CsFinding. */
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsFinding) f = g_list_model_get_item (model, i);
      gboolean match;

      if (f->path == NULL || strncmp (f->path, path, len) != 0)
        continue;
      match = f->path[len] == '\0' || (elements_too && f->path[len] == '[');
      if (!match)
        continue;
      if (best == NULL || f->severity < best->severity)
        {
          g_clear_object (&best);
          best = g_steal_pointer (&f);
          if (best->severity == CS_SEVERITY_ERROR)
            break;
        }
    }
  return best;
}

gboolean
cs_follow_validation (CsValidation **slot,
                      gulong        *handler,
                      CsValidation  *validation,
                      GCallback      changed,
                      gpointer       owner)
{
  g_return_val_if_fail (slot != NULL && handler != NULL, FALSE);
  g_return_val_if_fail (validation == NULL || changed != NULL, FALSE);

  if (*slot == validation)
    return FALSE;
  if (*slot != NULL)
    g_clear_signal_handler (handler, *slot);
  g_set_object (slot, validation);
  if (validation != NULL)
    *handler = g_signal_connect_object (validation, "items-changed", changed, owner,
                                        G_CONNECT_SWAPPED);
  return TRUE;
}
