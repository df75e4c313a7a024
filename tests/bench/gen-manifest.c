/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gen-manifest.c: write a synthetic manifest of N items as JSON on stdout */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cs-bench-gen.h"
#include "cs-json.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *json = NULL;
  gsize len;
  guint n;

  if (argc < 2 || (n = (guint) strtoul (argv[1], NULL, 10)) == 0)
    {
      fprintf (stderr, "usage: gen-manifest N_ITEMS [SEED] > OUT.json\n");
      return 2;
    }
  m = cs_bench_generate (n, argc > 2 ? (guint32) strtoul (argv[2], NULL, 10) : 1);
  json = cs_json_dump (m, &len);
  return fwrite (json, 1, len, stdout) == len ? 0 : 1;
}
