/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding.c: one thing the validator found */

#include "config.h"

#include <string.h>

#include "cs-finding.h"

G_DEFINE_FINAL_TYPE (CsFinding, cs_finding, G_TYPE_OBJECT)

static const char * const severity_names[] = { "error", "warning", "info" };

const char *
cs_severity_to_string (CsSeverity severity)
{
  g_return_val_if_fail (severity <= CS_SEVERITY_INFO, NULL);
  return severity_names[severity];
}

gboolean
cs_severity_from_string (const char *s,
                         CsSeverity *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    if (g_strcmp0 (s, severity_names[i]) == 0)
      {
        *out = (CsSeverity) i;
        return TRUE;
      }
  return FALSE;
}

static void
cs_finding_finalize (GObject *object)
{
  CsFinding *self = CS_FINDING (object);

  g_free (self->path);
  cs_text_free (self->message);
  cs_text_free (self->hint);

  G_OBJECT_CLASS (cs_finding_parent_class)->finalize (object);
}

static void
cs_finding_class_init (CsFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_finding_finalize;
}

static void
cs_finding_init (CsFinding *self)
{
}

CsFinding *
cs_finding_new (const char *rule,
                CsSeverity  severity,
                const char *path,
                const char *message,
                const char *hint)
{
  return cs_finding_new_text (rule, severity, path, cs_text_new_literal (message),
                              hint && *hint ? cs_text_new_literal (hint) : NULL);
}

CsFinding *
cs_finding_new_text (const char *rule,
                     CsSeverity  severity,
                     const char *path,
                     CsText     *message,
                     CsText     *hint)
{
  CsFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (CS_TYPE_FINDING, NULL);
  self->rule = g_intern_string (rule);
  self->severity = severity;
  self->path = g_strdup (path ? path : "");
  self->message = message;
  self->hint = hint;
  return self;
}

const char *
cs_finding_get_message (const CsFinding *self)
{
  g_return_val_if_fail (CS_IS_FINDING ((gpointer) self), NULL);

  return cs_text_get (self->message);
}

const char *
cs_finding_get_hint (const CsFinding *self)
{
  g_return_val_if_fail (CS_IS_FINDING ((gpointer) self), NULL);

  return self->hint ? cs_text_get (self->hint) : "";
}

gboolean
cs_finding_message_equal (const CsFinding *a,
                          const CsFinding *b)
{
  return cs_text_equal (a->message, b->message);
}

gboolean
cs_finding_hint_equal (const CsFinding *a,
                       const CsFinding *b)
{
  if (a->hint == NULL || b->hint == NULL)
    return a->hint == b->hint;
  return cs_text_equal (a->hint, b->hint);
}

guint
cs_finding_hint_hash (const CsFinding *self)
{
  return self->hint ? cs_text_hash (self->hint) : 0;
}
