/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-number.h: numbers as the text exports write them (EDIFACT, XML)
 *
 * One formatter for every writer that needs the shortest exact decimal of a double: plain
 * notation (neither EDIFACT nor xs:decimal has an exponent), no thousands separators, "." as
 * the decimal mark, "-0" written as "0".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Size of a buffer that holds any cs_number_decimal() result (DBL_MAX and DBL_TRUE_MIN included). */
#define CS_DECIMAL_BUF 400

/* Writes @n in decimal at @buf (at least 21 bytes), NUL-terminated; returns the length. */
gsize  cs_number_uint    (char    *buf,
                          guint64  n);
/* The shortest decimal that reads back as @v (finite), into @buf of CS_DECIMAL_BUF bytes;
 * returns the length. */
gsize  cs_number_decimal (char    *buf,
                          double   v);

G_END_DECLS
