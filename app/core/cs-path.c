/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-path.c: the JSON paths of fields inside a record */

#include "config.h"

#include <string.h>

#include "cs-list.h"
#include "cs-path.h"

static void
step_clear (gpointer data)
{
  g_free (((CsPathStep *) data)->name);
}

/* @p at "[": reads "[N]" (0 <= N <= G_MAXINT) into @index and returns what follows it, which must
 * be the end of the path or a dot; NULL when it is anything else. */
static const char *
parse_index (const char *p,
             int        *index)
{
  const char *digits = ++p;
  guint64 n = 0;

  for (; g_ascii_isdigit (*p); p++)
    {
      n = n * 10 + (guint64) (*p - '0');
      if (n > G_MAXINT)
        return NULL;
    }
  if (p == digits || *p != ']' || (p[1] != '\0' && p[1] != '.'))
    return NULL;
  *index = (int) n;
  return p + 1;
}

GArray *
cs_path_parse (const char *path)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (CsPathStep));
  const char *p = path;

  g_return_val_if_fail (path != NULL, NULL);

  g_array_set_clear_func (steps, step_clear);
  for (;;)
    {
      const char *name = p;
      gsize len = strcspn (p, ".[]");
      CsPathStep step = { NULL, -1 };

      if (len == 0 || p[len] == ']')
        return NULL;
      step.name = g_strndup (name, len);
      p += len;
      if (*p == '[' && (p = parse_index (p, &step.index)) == NULL)
        {
          g_free (step.name);
          return NULL;
        }
      g_array_append_val (steps, step);
      if (*p == '\0')
        return g_steal_pointer (&steps);
      p++;    /* the dot */
    }
}

char *
cs_path_build (const CsPathStep *steps,
               guint             n_steps)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_steps; i++)
    {
      if (i > 0)
        g_string_append_c (s, '.');
      g_string_append (s, steps[i].name);
      if (steps[i].index >= 0)
        g_string_append_printf (s, "[%d]", steps[i].index);
    }
  return g_string_free (s, FALSE);
}

gboolean
cs_path_element (const char  *path,
                 const char  *list,
                 guint       *index,
                 const char **rest)
{
  gsize len = strlen (list);
  const char *p;
  int n;

  g_return_val_if_fail (path != NULL && list != NULL && index != NULL, FALSE);

  if (strncmp (path, list, len) != 0 || path[len] != '[' ||
      (p = parse_index (path + len, &n)) == NULL)
    return FALSE;
  *index = (guint) n;
  if (rest != NULL)
    *rest = *p == '.' ? p + 1 : p;
  return TRUE;
}

gboolean
cs_path_lookup (CsRecord       *root,
                const char     *path,
                CsRecord      **record,
                const CsField **field,
                int            *index)
{
  g_autoptr(GArray) steps = NULL;
  CsRecord *rec = root;

  g_return_val_if_fail (CS_IS_RECORD (root), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  steps = cs_path_parse (path);
  if (steps == NULL)
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    {
      const CsPathStep *step = &g_array_index (steps, CsPathStep, i);
      const CsField *f = cs_record_find_field (rec, step->name);
      gboolean last = i + 1 == steps->len;
      gpointer slot;
      guint n;

      if (f == NULL)
        return FALSE;
      slot = CS_FIELD_SLOT (rec, f);
      if (step->index < 0)
        {
          if (last)
            {
              *record = rec;
              *field = f;
              *index = -1;
              return TRUE;
            }
          if (f->kind != CS_FIELD_RECORD || *(CsRecord **) slot == NULL)
            return FALSE;
          rec = *(CsRecord **) slot;
          continue;
        }
      switch (f->kind)
        {
        case CS_FIELD_LIST:
          n = cs_list_length (*(CsList **) slot);
          break;
        case CS_FIELD_STRV:
          n = *(GStrv *) slot ? g_strv_length (*(GStrv *) slot) : 0;
          break;
        case CS_FIELD_INTV:
          n = *(GArray **) slot ? (*(GArray **) slot)->len : 0;
          break;
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
        case CS_FIELD_BOOLEAN:
        case CS_FIELD_RECORD:
        default:
          return FALSE;
        }
      if ((guint) step->index >= n)
        return FALSE;
      if (last)
        {
          *record = rec;
          *field = f;
          *index = step->index;
          return TRUE;
        }
      if (f->kind != CS_FIELD_LIST)
        return FALSE;
      rec = cs_list_index (*(CsList **) slot, (guint) step->index);
    }
  g_return_val_if_reached (FALSE);
}

const CsField *
cs_path_leaf_field (GType       type,
                    const char *dotted)
{
  g_auto(GStrv) segs = g_strsplit (dotted, ".", -1);
  guint n = g_strv_length (segs);

  for (guint i = 0; i < n; i++)
    {
      CsRecordClass *klass = g_type_class_ref (type);
      const CsField *f = cs_record_class_find_field (klass, segs[i]);

      g_type_class_unref (klass);
      if (f == NULL)
        return NULL;
      if (i + 1 == n)
        return f;
      if (f->kind != CS_FIELD_RECORD)
        return NULL;
      type = f->type ();
    }
  return NULL;
}

CsRecord *
cs_path_resolve (CsRecord   *record,
                 const char *dotted)
{
  g_auto(GStrv) segs = g_strsplit (dotted, ".", -1);
  guint n = g_strv_length (segs);

  for (guint i = 0; record != NULL && i + 1 < n; i++)
    {
      const CsField *f = cs_record_find_field (record, segs[i]);

      g_return_val_if_fail (f != NULL && f->kind == CS_FIELD_RECORD, NULL);
      record = *(CsRecord **) CS_FIELD_SLOT (record, f);
    }
  return record;
}

CsRecord *
cs_path_ensure (CsRecord   *record,
                const char *dotted)
{
  g_auto(GStrv) segs = g_strsplit (dotted, ".", -1);
  guint n = g_strv_length (segs);

  for (guint i = 0; record != NULL && i + 1 < n; i++)
    record = cs_record_ensure_record (record, segs[i]);
  return record;
}
