/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding.h: one thing the validator found wrong (or worth a look) in a manifest */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CS_SEVERITY_ERROR,
  CS_SEVERITY_WARNING,
  CS_SEVERITY_INFO,
} CsSeverity;

const char *cs_severity_to_string   (CsSeverity  severity);  /* "error" "warning" "info" */
gboolean    cs_severity_from_string (const char *s,
                                     CsSeverity *out);

#define CS_TYPE_FINDING (cs_finding_get_type ())
G_DECLARE_FINAL_TYPE (CsFinding, cs_finding, CS, FINDING, GObject)

/* rule, severity and path may be read directly; they never change after creation. The texts are
 * read through cs_finding_get_message () and cs_finding_get_hint (). */
struct _CsFinding
{
  GObject     parent_instance;
  const char *rule;      /* interned stable id, e.g. "container.check_digit" */
  CsSeverity  severity;
  char       *path;      /* JSON path, e.g. "containers[1].number" */
  char       *message;   /* translated: what is wrong, naming the values */
  char       *hint;      /* translated: how to fix it */
};

CsFinding  *cs_finding_new (const char *rule,
                            CsSeverity  severity,
                            const char *path,
                            const char *message,
                            const char *hint);
/* The same, taking @message and @hint (g_malloc'ed) instead of copying them: the validator
 * formats each finding's texts once, and a copy per finding doubled its cost. */
CsFinding  *cs_finding_new_take (const char *rule,
                                 CsSeverity  severity,
                                 const char *path,
                                 char       *message,
                                 char       *hint);

/* The translated text saying what is wrong, naming the values; never NULL. */
const char *cs_finding_get_message (const CsFinding *self);
/* The translated text saying how to fix it; "" when there is none. */
const char *cs_finding_get_hint    (const CsFinding *self);

G_END_DECLS
