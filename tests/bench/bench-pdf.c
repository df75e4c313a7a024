/* bench-pdf.c: the printable cargo manifest (PDF export) for N = 1k and 10k items
 *
 *   bench-pdf [N ...]        (default: 1000 10000)
 *
 * For each N, on a cs_bench_generate (N, 1) manifest:
 *   paginate   cs_print_layout_new() + cs_print_layout_paginate(): every row measured with pango
 *   export     cs_export_to_file ("pdf"): layout, drawing every page, PDF written and renamed
 *   bare loop  the baseline a programmer would write first: one PangoLayout per cell, fixed row
 *              height, no wrapping, no pagination logic, no annexes, same surface and fonts
 * Times are the best of R runs (R = 3 up to 10k items, 1 above); "export cpu" is the processor
 * time of the best export, which tells a busy machine from a slow export. The ratio column is
 * export time over the bare loop (it does far more: wrapped descriptions, totals, annexes).
 * Target on the 2-core reference machine: export of 10,000 items <= 4 s.
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
      guint defaults[] = { 1000, 10000 };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
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
          best_bare = MIN (best_bare, time_bare_loop (m, bare));
        }
      printf ("%8u %7u %8.1f %12.3f %10.3f %12.3f %10.3f %8.2f\n", n, pages, size / 1e6,
              best_pag, best_exp, best_cpu, best_bare, best_exp / best_bare);
      fflush (stdout);
      if (n == TARGET_ITEMS)
        {
          target_time = best_exp;
          target_cpu = best_cpu;
        }
    }

  g_unlink (pdf);
  g_unlink (bare);
  g_rmdir (dir);

  if (target_time >= 0)
    printf ("target: PDF of %u items <= %.1f s: %s (%.2f s; %.2f s processor time)\n", TARGET_ITEMS,
            TARGET_S, target_time <= TARGET_S ? "met" : "NOT met", target_time, target_cpu);
  return 0;
}
