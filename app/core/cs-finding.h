/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding.h: one thing the validator found wrong (or worth a look) in a manifest */
#pragma once

#include <gio/gio.h>

#include "cs-text.h"

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
 * read through cs_finding_get_message () and cs_finding_get_hint (): they are kept as message id and
 * arguments (CsText) and written out, translated, the first time they are read. */
struct _CsFinding
{
  GObject     parent_instance;
  const char *rule;      /* interned stable id, e.g. "container.check_digit" */
  CsSeverity  severity;
  char       *path;      /* JSON path, e.g. "containers[1].number" */
  CsText     *message;   /* what is wrong, naming the values */
  CsText     *hint;      /* how to fix it; NULL when there is none */
};

/* A finding whose texts are already written (and translated where they are language). */
CsFinding  *cs_finding_new      (const char *rule,
                                 CsSeverity  severity,
                                 const char *path,
                                 const char *message,
                                 const char *hint);
/* The same, taking @message and @hint (may be NULL): the validator's way, which formats nothing. */
CsFinding  *cs_finding_new_text (const char *rule,
                                 CsSeverity  severity,
                                 const char *path,
                                 CsText     *message,
                                 CsText     *hint);

/* The translated text saying what is wrong, naming the values; never NULL. */
const char *cs_finding_get_message (const CsFinding *self);
/* The translated text saying how to fix it; "" when there is none. */
const char *cs_finding_get_hint    (const CsFinding *self);

/* Whether two findings' messages (hints) read the same, without writing them out. */
gboolean    cs_finding_message_equal (const CsFinding *a,
                                      const CsFinding *b);
gboolean    cs_finding_hint_equal    (const CsFinding *a,
                                      const CsFinding *b);
/* A hash agreeing with cs_finding_hint_equal (). */
guint       cs_finding_hint_hash     (const CsFinding *self);

G_END_DECLS
