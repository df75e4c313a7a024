/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-pdf.c: the printable cargo manifest (PDF export) for N = 10k and 100k items, and long texts
 *
 *   bench-pdf [N ...]        (default: 10000 100000, then the long-text rows)
 *
 * For each N, on a cs_bench_generate (N, 1) manifest:
 *   paginate   cs_print_layout_new() + cs_print_layout_paginate(): every row measured with pango
 *   export     cs_export_to_file ("pdf"): layout, drawing every page, PDF written and renamed
 *   bare loop  the baseline a programmer would write first: one PangoLayout per cell, fixed row
 *              height, no wrapping, no pagination logic, no annexes, same surface and fonts
 * Times are the best of R runs (R = 3 up to 10k items, 1 above); "export cpu" is the processor
 * time of the best export, which tells a busy machine from a slow export. The ratio column is
 * export time over the bare loop (it does far more: wrapped descriptions, totals, annexes); the
 * bare loop runs up to 10k items only.
 * Targets on the 2-core reference machine: export of 10,000 items <= 4 s; 100,000 items <= 10
 * times the 10,000 (processor time: the cost is linear in the items).
 * Long-text rows (a 10-item manifest whose notes are the text): a note of 32,000 characters
 * without a space, notes of 600,000 characters (50,000 words), 300,000 Chinese characters, and
 * an item description of 485,000 characters; each must take seconds, not minutes (text layout
 * linear in the length of the text).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "cs-bench-gen.h"
#include "cs-export.h"
#include "cs-print-layout.h"

#define TARGET_ITEMS 10000
#define TARGET_S     4.0
#define BIG_ITEMS    100000
#define BIG_RATIO    10.0

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
time_paginate (CsManifest *m,
               guint      *n_pages)
{
  double t0 = now_s ();
  g_autoptr(CsPrintLayout) layout = cs_print_layout_new (m, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                         CS_PRINT_A4_LANDSCAPE_HEIGHT);

  *n_pages = cs_print_layout_paginate (layout, NULL);
  return now_s () - t0;
}

static double
time_export (CsManifest *m,
             const char *path,
             goffset    *size,
             double     *cpu)
{
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  double c0 = cpu_s ();
  double t0 = now_s ();
  double t;

  if (!cs_export_to_file ("pdf", m, NULL, path, NULL, &error))
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      exit (1);
    }
  t = now_s () - t0;
  *cpu = cpu_s () - c0;
  *size = g_stat (path, &st) == 0 ? st.st_size : 0;
  return t;
}

/* The naive baseline: every cell its own layout, 30 rows a page. */
static double
time_bare_loop (CsManifest *m,
                const char *path)
{
  static const double col_x[] = { 24, 50, 230, 290, 350, 410, 470, 530, 600, 680 };
  double t0 = now_s ();
  cairo_surface_t *surface = cairo_pdf_surface_create (path, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                       CS_PRINT_A4_LANDSCAPE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Noto Sans CJK SC,Sans 7.5");
  GString *s = g_string_new (NULL);
  guint row = 0;

  pango_layout_set_font_description (layout, desc);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      for (guint c = 0; c < G_N_ELEMENTS (col_x); c++)
        {
          g_string_truncate (s, 0);
          switch (c)
            {
            case 0: g_string_printf (s, "%.0f", it->line); break;
            case 1: g_string_assign (s, it->description ? it->description : ""); break;
            case 2: g_string_assign (s, it->hs_code ? it->hs_code : ""); break;
            case 3: g_string_printf (s, "%.0f %s", it->quantity, it->unit ? it->unit : ""); break;
            case 4: g_string_printf (s, "%.0f", it->packages ? it->packages->count : 0); break;
            case 5: g_string_printf (s, "%.3f", it->net_kg); break;
            case 6: g_string_printf (s, "%.3f", it->gross_kg); break;
            case 7: g_string_printf (s, "%.3f", it->volume_m3); break;
            case 8: g_string_printf (s, "%.2f", it->value); break;
            case 9: g_string_assign (s, it->container ? it->container : ""); break;
            default: g_assert_not_reached ();
            }
          pango_layout_set_text (layout, s->str, s->len);
          cairo_move_to (cr, col_x[c], 60 + row * 16);
          pango_cairo_show_layout (cr, layout);
        }
      if (++row == 30)
        {
          cairo_show_page (cr);
          row = 0;
        }
    }
  cairo_show_page (cr);
  g_string_free (s, TRUE);
  pango_font_description_free (desc);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "bench-pdf: bare loop: %s\n", cairo_status_to_string (cairo_surface_status (surface)));
      exit (1);
    }
  cairo_surface_destroy (surface);
  return now_s () - t0;
}

typedef enum { TEXT_UNBROKEN, TEXT_WORDS, TEXT_CJK, TEXT_DESCRIPTION } TextKind;

static void
bench_long_text (TextKind    kind,
                 const char *label,
                 const char *path)
{
  g_autoptr(CsManifest) m = cs_bench_generate (10, 1);
  g_autoptr(GString) s = g_string_new (NULL);
  double best = G_MAXDOUBLE, best_cpu = 0;
  goffset size = 0;
  guint pages = 0;

  switch (kind)
    {
    case TEXT_UNBROKEN:
      for (guint i = 0; i < 32000; i++)
        g_string_append_c (s, 'A' + i % 26);
      break;
    case TEXT_WORDS:
      for (guint i = 0; i < 50000; i++)
        g_string_append_printf (s, "%snote%06uz", i > 0 ? " " : "", i);
      break;
    case TEXT_CJK:
      for (guint i = 0; i < 300000; i++)
        g_string_append_unichar (s, 0x4E00 + (i * 7) % 5000);
      break;
    case TEXT_DESCRIPTION:
      for (guint i = 0; i < 45000; i++)
        g_string_append_printf (s, "%sdesc%04uy", i > 0 ? " " : "", i);
      break;
    default:
      g_assert_not_reached ();
    }
  if (kind == TEXT_DESCRIPTION)
    cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", s->str);
  else
    cs_record_set_string (CS_RECORD (m), "notes", s->str);

  for (guint r = 0; r < 3; r++)
    {
      double cpu;
      double t = time_export (m, path, &size, &cpu);

      if (t < best)
        {
          best = t;
          best_cpu = cpu;
        }
    }
  time_paginate (m, &pages);
  printf ("%-34s %8u chars %5u pages %8.3f s %8.3f s cpu\n", label,
          (guint) g_utf8_strlen (s->str, s->len), pages, best, best_cpu);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-pdf-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *bare = NULL;
  double target_time = -1, target_cpu = 0;
  double big_time = -1, big_cpu = 0;
  gboolean defaults_used = FALSE;

  if (dir == NULL)
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return 1;
    }
  pdf = g_build_filename (dir, "manifest.pdf", NULL);
  bare = g_build_filename (dir, "bare.pdf", NULL);

  for (int i = 1; i < argc; i++)
    {
      guint n = (guint) strtoul (argv[i], NULL, 10);

      if (n == 0)
        {
          fprintf (stderr, "usage: bench-pdf [N_ITEMS ...]\n");
          return 2;
        }
      g_array_append_val (sizes, n);
    }
  if (sizes->len == 0)
    {
      guint defaults[] = { TARGET_ITEMS, BIG_ITEMS };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
      defaults_used = TRUE;
    }

  printf ("%8s %7s %8s %12s %10s %12s %10s %8s\n",
          "items", "pages", "MB", "paginate s", "export s", "export cpu", "bare s", "ratio");
  for (guint k = 0; k < sizes->len; k++)
    {
      guint n = g_array_index (sizes, guint, k);
      guint runs = n <= 10000 ? 3 : 1;
      g_autoptr(CsManifest) m = cs_bench_generate (n, 1);
      double best_pag = G_MAXDOUBLE, best_exp = G_MAXDOUBLE, best_bare = G_MAXDOUBLE, best_cpu = 0;
      guint pages = 0;
      goffset size = 0;

      for (guint r = 0; r < runs; r++)
        {
          double cpu;
          double t;

          best_pag = MIN (best_pag, time_paginate (m, &pages));
          t = time_export (m, pdf, &size, &cpu);
          if (t < best_exp)
            {
              best_exp = t;
              best_cpu = cpu;
            }
          if (n <= TARGET_ITEMS)
            best_bare = MIN (best_bare, time_bare_loop (m, bare));
        }
      if (n <= TARGET_ITEMS)
        printf ("%8u %7u %8.1f %12.3f %10.3f %12.3f %10.3f %8.2f\n", n, pages, size / 1e6,
                best_pag, best_exp, best_cpu, best_bare, best_exp / best_bare);
      else
        printf ("%8u %7u %8.1f %12.3f %10.3f %12.3f %10s %8s\n", n, pages, size / 1e6,
                best_pag, best_exp, best_cpu, "-", "-");
      fflush (stdout);
      if (n == TARGET_ITEMS)
        {
          target_time = best_exp;
          target_cpu = best_cpu;
        }
      if (n == BIG_ITEMS)
        {
          big_time = best_exp;
          big_cpu = best_cpu;
        }
    }

  if (defaults_used)
    {
      printf ("\nlong texts (a 10-item manifest)\n");
      bench_long_text (TEXT_UNBROKEN, "note, 32,000 chars, no space", pdf);
      bench_long_text (TEXT_WORDS, "notes, 600,000 chars (50,000 words)", pdf);
      bench_long_text (TEXT_CJK, "notes, 300,000 Chinese chars", pdf);
      bench_long_text (TEXT_DESCRIPTION, "description, 485,000 chars", pdf);
    }

  g_unlink (pdf);
  g_unlink (bare);
  g_rmdir (dir);

  if (target_time >= 0)
    printf ("target: PDF of %u items <= %.1f s: %s (%.2f s; %.2f s processor time)\n", TARGET_ITEMS,
            TARGET_S, target_time <= TARGET_S ? "met" : "NOT met", target_time, target_cpu);
  if (target_time >= 0 && big_time >= 0)
    printf ("target: PDF of %u items <= %.0fx the %u-item time: %s (processor time %.1fx: %.2f s / %.2f s;"
            " wall %.1fx)\n", BIG_ITEMS, BIG_RATIO, TARGET_ITEMS,
            big_cpu <= BIG_RATIO * target_cpu ? "met" : "NOT met", big_cpu / target_cpu, big_cpu,
            target_cpu, big_time / target_time);
  return 0;
}
