/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-tables.h: UN/EDIFACT segment and element definitions, one table per directory
 *
 * A directory is data: for each segment the writer uses, its data elements in order, each a
 * simple element with a format ("an..35", "n3", "a4", as the UNTDID writes them) or a composite
 * with its components, and whether each is mandatory (M) or conditional (C). The writer
 * (cs-edifact-writer.h) checks every value it writes against these definitions, so supporting
 * another directory means adding a table in cs-edifact-tables.c, not new code.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;          /* data element tag, e.g. "3036" */
  const char *format;      /* "an..35", "n3", ... */
  gboolean    mandatory;
} CsEdiComponent;

typedef struct
{
  const char           *id;            /* composite tag ("C082") or simple element tag ("3035") */
  gboolean              mandatory;
  const char           *format;        /* simple elements only */
  const CsEdiComponent *components;    /* composites only */
  guint                 n_components;
} CsEdiElement;

typedef struct
{
  const char         *tag;
  const char         *name;
  const CsEdiElement *elements;
  guint               n_elements;
} CsEdiSegmentDef;

typedef struct
{
  const char            *id;          /* "D96B": what CsExportOptions.directory names */
  const char            *label;       /* "D.96B": for messages */
  const char            *version;     /* UNH S009 0052 */
  const char            *release;     /* UNH S009 0054 */
  const CsEdiSegmentDef *segments;
  guint                  n_segments;
} CsEdiDirectory;

/* The directory named @id (case-insensitive, "D96B" or "D.96B"), or NULL. */
const CsEdiDirectory  *cs_edi_directory_find    (const char           *id);
/* Comma-separated ids of every directory, for messages. */
const char            *cs_edi_directory_list    (void);
/* A segment of @dir, or a service segment (UNB UNH UNT UNZ, syntax version 3); NULL if unknown. */
const CsEdiSegmentDef *cs_edi_directory_segment (const CsEdiDirectory *dir,
                                                 const char           *tag);

G_END_DECLS
