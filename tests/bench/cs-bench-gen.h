/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-bench-gen.h: realistic synthetic manifests for benchmarks and large-input tests
 *
 * Deterministic for a given (n_items, seed): a rail-sea export from Chongqing to Singapore with
 * every item category, 25 items per container (every fifth container a reefer of fruit), valid
 * ISO 6346 container numbers and VINs, VGMs that balance, and the documents the cargo needs.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

CsManifest *cs_bench_generate (guint   n_items,
                               guint32 seed);

/* Clears the description and the HS code of every @every-th item (the first included), so that a
 * validation finds two errors per such item: a manifest with many findings, for their own cost. */
void        cs_bench_strip_items (CsManifest *m,
                                  guint       every);

/* Resident set size of this process now and at its peak, in bytes (from /proc/self/status). */
gsize       cs_bench_rss_now  (void);
gsize       cs_bench_rss_peak (void);

G_END_DECLS
