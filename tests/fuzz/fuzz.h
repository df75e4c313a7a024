/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz.h: what every fuzz target of tests/fuzz provides (the libFuzzer interface)
 *
 * A target is built twice: with clang -fsanitize=fuzzer (meson -Dfuzzing=true; build-aux/setup
 * fuzzes each for a bounded time under ASan and UBSan), and in the normal build with
 * fuzz-replay.c's main(), which runs every corpus file and seeded mutants of them through the
 * target, so `meson test` replays the corpora. A target reports a bug by aborting (g_error),
 * which libFuzzer records as a crash. */
#pragma once

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

/* Called once before the first input; may be left out (fuzz-replay.c then does nothing). */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A fixed reference date for the validator, so that a crash reproduces on any day. */
static inline void
fuzz_reference_date (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 1, 3, 2026);
}

static inline void
fuzz_trap_handler (int sig)
{
  abort ();
}

/* g_error () and fatal criticals end in SIGTRAP, which libFuzzer does not catch: turned into
 * SIGABRT, they are reported as crashes and their input is saved. Call from
 * LLVMFuzzerInitialize (). */
static inline void
fuzz_trap_to_abort (void)
{
  signal (SIGTRAP, fuzz_trap_handler);
}
