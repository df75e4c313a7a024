/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-edifact.c: the manifest as a UN/EDIFACT CUSCAR interchange (D.96B by default)
 *
 * The mapping from the model to segments is documented in resources/schema/README-edifact.md.
 * Formats, lengths and mandatory elements come from the directory table (cs-edifact-tables.c)
 * and are enforced by the segment writer (cs-edifact-writer.c): a value that does not fit is
 * refused with an error naming the segment, element, value and manifest field, never written.
 *
 * A consignment with more goods items than one message may hold (SG14 repeats at most 9,999
 * times) is sent as several messages of one interchange, linked by UNH 0068 (the manifest
 * reference) and S010 (sequence number, C first / F last), each with its own UNT count. Goods
 * item numbers (GID 1496) go on across the messages, and each message repeats what it needs to
 * stand alone: the header, the parties, the main carriage, the equipment its goods are in, and
 * control totals of its own goods.
 *
 * What a gateway needs is checked before anything is written: a manifest without a transport
 * document number, goods items without a package count and type, a description or a gross
 * weight, or without a main carriage is refused with every such place named.
 *
 * The message function (BGM 1225) and the installation's part of the interchange reference come
 * from the caller (cs-edifact-history.h: the store's record of what was sent to whom).
 *
 * A line split over several containers whose VINs or machine serials each name their box is
 * reported as one goods item per container (D.96B has no goods identity number segment in
 * CUSCAR SG14): each with its share of the packages and weights, placed (SGP) in that container
 * and listing only the VINs or serials in it, so that every car is tied to its equipment.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-checkdigit.h"
#include "cs-edifact-history.h"
#include "cs-edifact-writer.h"
#include "cs-export.h"

#define GOODS_PER_MESSAGE  9999   /* SG14 max repeats */
#define MAX_MESSAGES       99     /* UNH S010 0070 is n..2 */
#define MAX_GOODS_ITEMS    99999  /* GID 1496 is n..5, and numbers go on across messages */
#define MAX_FINDINGS_SHOWN 20
#define MAX_EQUIPMENT      9999   /* SG5 max repeats */
#define MAX_SEALS          9      /* SEL in SG5 */
#define MAX_ITEM_FTX       99     /* FTX in SG14 */

typedef struct
{
  double   goods_gross;      /* Σ goods gross (share of split lines by packages) */
  gboolean goods_gross_known;
  gboolean has_goods;
  double   band_min;         /* intersection of the perishables' bands */
  double   band_max;
} BoxTotals;

typedef struct
{
  CsEdiWriter           *w;
  CsManifest            *m;
  const CsEdiDirectory  *dir;
  GDateTime             *now;
  const char            *reference;
  char                  *sender_id, *sender_qual;
  char                  *recipient_id, *recipient_qual;
  char                  *interchange;
  const char            *message_function;
  gboolean               test_indicator;
  guint8                *box_in_part;  /* per container: 1 + the first message that needs it */
  int                    main_leg;
  const char            *dg_regulation;
  BoxTotals             *boxes;       /* one per container */
  GHashTable            *box_index;   /* container number -> index + 1 */
  guint8                *per_box;     /* per item: reported as one goods item per split */
  guint                  next_goods;  /* GID 1496 of the next goods item, on across messages */
  GString               *scratch;     /* ISO 8859-1 text the lines point into */
  GArray                *lines;       /* of Line: wrapped text */
} Cuscar;

typedef struct
{
  guint offset;
  guint length;
} Line;

/* ------------------------------------------------------------------ helpers */

G_GNUC_PRINTF (3, 4)
static void
refuse (Cuscar     *c,
        gint        code,
        const char *format,
        ...)
{
  va_list args;
  char *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  cs_edi_fail (c->w, g_error_new_literal (CS_EXPORT_ERROR, code, msg));
  g_free (msg);
}

static gboolean
has_text (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static void
reset_lines (Cuscar *c)
{
  g_array_set_size (c->lines, 0);
  g_string_truncate (c->scratch, 0);
}

/* Line @k as the next element (@new_element) or component. */
static void
put_line (Cuscar     *c,
          gboolean    new_element,
          guint       k,
          const char *field)
{
  const Line *line = &g_array_index (c->lines, Line, k);

  if (new_element)
    cs_edi_el_latin1 (c->w, c->scratch->str + line->offset, line->length, field);
  else
    cs_edi_comp_latin1 (c->w, c->scratch->str + line->offset, line->length, field);
}

/* Wraps @text (converted to Latin-1 first) into lines of at most @width characters, breaking
 * at spaces where it can, replacing c->lines. Refuses text longer than @max_lines lines (0 = any)
 * or with characters UNOC cannot carry. */
static gboolean
wrap (Cuscar     *c,
      const char *text,
      const char *field,
      const char *place,
      guint       width,
      guint       max_lines)
{
  GString *latin = c->scratch;
  gunichar bad = 0;
  gsize i = 0;

  reset_lines (c);
  if (!cs_edi_to_latin1 (text, latin, &bad))
    {
      char utf8[8] = { 0 };
      g_unichar_to_utf8 (bad, utf8);
      refuse (c, CS_EXPORT_ERROR_ENCODING,
              _("%s: “%s” contains “%s” (U+%04X), which the EDIFACT character set UNOC "
                "(ISO 8859-1) cannot carry"), field, text, utf8, bad);
      return FALSE;
    }

  while (i < latin->len)
    {
      gsize end, next;

      while (i < latin->len && latin->str[i] == ' ')
        i++;
      if (i >= latin->len)
        break;
      if (latin->len - i <= width)
        end = next = latin->len;
      else
        {
          end = i + width;
          while (end > i && latin->str[end] != ' ')
            end--;
          if (end == i)
            end = i + width;          /* one word longer than a line */
          next = end;
        }
      while (end > i && latin->str[end - 1] == ' ')
        end--;
      {
        Line line = { (guint) i, (guint) (end - i) };
        g_array_append_val (c->lines, line);
      }
      i = next;
    }

  if (max_lines > 0 && c->lines->len > max_lines)
    {
      refuse (c, CS_EXPORT_ERROR_INVALID,
              _("%s: the text is too long for %s (at most %u lines of %u characters)"),
              field, place, max_lines, width);
      return FALSE;
    }
  return TRUE;
}

/* DTM+qualifier: a date (format 102) or a local date and time (format 203). */
static void
write_dtm (Cuscar     *c,
           const char *qualifier,
           const char *iso,
           const char *field)
{
  char value[32];
  const char *format;

  if (!has_text (iso))
    return;
  if (strlen (iso) == 10 && iso[4] == '-' && iso[7] == '-')
    {
      g_snprintf (value, sizeof value, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
      format = "102";
    }
  else
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, utc);
      g_autofree char *text = NULL;

      if (dt == NULL)
        {
          refuse (c, CS_EXPORT_ERROR_INVALID,
                  _("%s: “%s” is not an ISO 8601 date or time"), field, iso);
          return;
        }
      text = g_date_time_format (dt, "%Y%m%d%H%M");
      g_strlcpy (value, text, sizeof value);
      format = "203";
    }
  cs_edi_begin (c->w, "DTM");
  cs_edi_el (c->w, qualifier, NULL);
  cs_edi_comp (c->w, value, field);
  cs_edi_comp (c->w, format, NULL);
  cs_edi_end (c->w);
}

/* LOC+qualifier+LOCODE:139:6 */
static void
write_loc (Cuscar     *c,
           const char *qualifier,
           const char *locode,
           const char *field)
{
  if (!has_text (locode))
    return;
  cs_edi_begin (c->w, "LOC");
  cs_edi_el (c->w, qualifier, NULL);
  cs_edi_el (c->w, locode, field);
  cs_edi_comp (c->w, "139", NULL);
  cs_edi_comp (c->w, "6", NULL);
  cs_edi_end (c->w);
}

static const char *
mode_code (const char *mode)
{
  /* UN/ECE Recommendation 19 */
  if (g_strcmp0 (mode, "sea") == 0)
    return "1";
  if (g_strcmp0 (mode, "rail") == 0)
    return "2";
  if (g_strcmp0 (mode, "road") == 0)
    return "3";
  if (g_strcmp0 (mode, "river") == 0)
    return "8";
  return NULL;
}

/* NAD (+ CTA/COM) for a party. Its Latin-script name is used when it has one. The party is
 * identified by @carrier_code (C082 with 1131 172 carrier code) when given, else by its tax id. */
static void
write_party (Cuscar     *c,
             const char *qualifier,
             const char *role,
             const char *carrier_code)
{
  CsParty *p = cs_manifest_get_party (c->m, role);
  g_autofree char *base = g_strdup_printf ("parties.%s", role);
  const char *name;
  const char *name_field;
  gunichar bad = 0;

  if (p == NULL || !cs_edi_ok (c->w))
    return;
  cs_edi_context (c->w, base);

  if (has_text (p->name_latin))
    {
      name = p->name_latin;
      name_field = "name_latin";
    }
  else
    {
      name = p->name;
      name_field = "name";
      g_string_truncate (c->scratch, 0);
      if (has_text (name) && !cs_edi_to_latin1 (name, c->scratch, &bad))
        {
          char utf8[8] = { 0 };
          g_unichar_to_utf8 (bad, utf8);
          refuse (c, CS_EXPORT_ERROR_ENCODING,
                  _("%s.name: “%s” contains “%s”, which the EDIFACT character set UNOC "
                    "(ISO 8859-1) cannot carry; enter the party's Latin-script name "
                    "(name_latin)"), base, name, utf8);
          return;
        }
    }

  cs_edi_begin (c->w, "NAD");
  cs_edi_el (c->w, qualifier, NULL);
  if (has_text (carrier_code))
    {
      g_autofree char *leg_path = g_strdup_printf ("legs[%d]", c->main_leg);
      cs_edi_context (c->w, leg_path);
      cs_edi_el (c->w, carrier_code, "carrier_code");
      cs_edi_comp (c->w, "172", NULL);
      cs_edi_comp (c->w, "ZZZ", NULL);
      cs_edi_context (c->w, base);
    }
  else
    {
      cs_edi_el (c->w, p->tax_id, "tax_id");
      cs_edi_comp (c->w, NULL, NULL);
      cs_edi_comp (c->w, has_text (p->tax_id) ? "ZZZ" : NULL, NULL);
    }
  cs_edi_el (c->w, NULL, NULL);                 /* C058: we send the structured form */

  /* C080 party name, up to 5 × 35 */
  if (has_text (name))
    {
      g_autofree char *field = g_strdup_printf ("%s.%s", base, name_field);
      if (!wrap (c, name, field, "the EDIFACT party name (NAD C080)", 35, 5))
        return;
      for (guint i = 0; i < c->lines->len; i++)
        put_line (c, i == 0, i, name_field);
    }
  else
    cs_edi_el (c->w, NULL, NULL);

  /* C059 street, up to 4 × 35 */
  if (has_text (p->address))
    {
      g_autofree char *field = g_strdup_printf ("%s.address", base);
      if (!wrap (c, p->address, field, "the EDIFACT street (NAD C059)", 35, 4))
        return;
      for (guint i = 0; i < c->lines->len; i++)
        put_line (c, i == 0, i, "address");
    }
  else
    cs_edi_el (c->w, NULL, NULL);

  cs_edi_el (c->w, p->city, "city");
  cs_edi_el (c->w, NULL, NULL);                 /* 3229 country sub-entity */
  cs_edi_el (c->w, p->postcode, "postcode");
  cs_edi_el (c->w, p->country, "country");
  cs_edi_end (c->w);

  if (has_text (p->contact) || has_text (p->phone) || has_text (p->email))
    {
      cs_edi_begin (c->w, "CTA");
      cs_edi_el (c->w, "IC", NULL);
      cs_edi_el (c->w, NULL, NULL);
      cs_edi_comp (c->w, p->contact, "contact");
      cs_edi_end (c->w);
      if (has_text (p->phone))
        {
          cs_edi_begin (c->w, "COM");
          cs_edi_el (c->w, p->phone, "phone");
          cs_edi_comp (c->w, "TE", NULL);
          cs_edi_end (c->w);
        }
      if (has_text (p->email))
        {
          cs_edi_begin (c->w, "COM");
          cs_edi_el (c->w, p->email, "email");
          cs_edi_comp (c->w, "EM", NULL);
          cs_edi_end (c->w);
        }
    }
  cs_edi_context (c->w, NULL);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  return has_text (a) && has_text (b) && g_utf8_collate (a, b) == 0;
}

/* NAD+CA: the carrier of the main carriage. The carrier party of the manifest is used (with its
 * address and contact) when it is that carrier, or when the main carriage names none; otherwise
 * the leg's own carrier code and name. */
static void
write_carrier (Cuscar *c)
{
  CsLeg *leg = c->main_leg >= 0 ? CS_MANIFEST_LEG (c->m, c->main_leg) : NULL;
  CsParty *p = cs_manifest_get_party (c->m, "carrier");
  g_autofree char *base = NULL;
  g_autofree char *f_name = NULL;

  if (leg == NULL || (!has_text (leg->carrier) && !has_text (leg->carrier_code)))
    {
      write_party (c, "CA", "carrier", NULL);
      return;
    }
  if (p != NULL && (!has_text (leg->carrier) || same_name (p->name, leg->carrier) ||
                    same_name (p->name_latin, leg->carrier)))
    {
      write_party (c, "CA", "carrier", leg->carrier_code);
      return;
    }

  base = g_strdup_printf ("legs[%d]", c->main_leg);
  f_name = g_strdup_printf ("%s.carrier", base);
  cs_edi_context (c->w, base);
  cs_edi_begin (c->w, "NAD");
  cs_edi_el (c->w, "CA", NULL);
  cs_edi_el (c->w, leg->carrier_code, "carrier_code");
  cs_edi_comp (c->w, has_text (leg->carrier_code) ? "172" : NULL, NULL);
  cs_edi_comp (c->w, has_text (leg->carrier_code) ? "ZZZ" : NULL, NULL);
  cs_edi_el (c->w, NULL, NULL);                 /* C058 */
  if (has_text (leg->carrier))
    {
      if (!wrap (c, leg->carrier, f_name, "the EDIFACT party name (NAD C080)", 35, 5))
        return;
      for (guint i = 0; i < c->lines->len; i++)
        put_line (c, i == 0, i, "carrier");
    }
  cs_edi_end (c->w);
  cs_edi_context (c->w, NULL);
}

/* TDT (+ LOC, DTM) for leg @i: in SG4 for the main carriage, in SG9 for the others. */
static void
write_leg (Cuscar *c,
           guint   i,
           gboolean main_carriage)
{
  CsLeg *leg = CS_MANIFEST_LEG (c->m, i);
  g_autofree char *base = g_strdup_printf ("legs[%u]", i);
  g_autofree char *f_from = g_strdup_printf ("%s.from", base);
  g_autofree char *f_to = g_strdup_printf ("%s.to", base);
  g_autofree char *f_etd = g_strdup_printf ("%s.etd", base);
  g_autofree char *f_eta = g_strdup_printf ("%s.eta", base);
  const char *stage = main_carriage ? "20" : ((int) i < c->main_leg ? "10" : "30");

  CsVessel *v = leg->vessel;
  const char *means_id = NULL, *means_list = NULL, *means_agency = NULL, *means_field = NULL;

  /* C222: one identification of the means of transport; the IMO number (UNCL 1131 146 means of
   * transport identification, 3055 11 Lloyd's register, which first issued these numbers), else
   * the call sign (1131 103 call sign directory). */
  if (v != NULL && has_text (v->imo))
    {
      means_id = v->imo;
      means_list = "146";
      means_agency = "11";
      means_field = "vessel.imo";
    }
  else if (v != NULL && has_text (v->call_sign))
    {
      means_id = v->call_sign;
      means_list = "103";
      means_field = "vessel.call_sign";
    }

  cs_edi_context (c->w, base);
  cs_edi_begin (c->w, "TDT");
  cs_edi_el (c->w, stage, NULL);
  cs_edi_el (c->w, leg->voyage, "voyage");
  cs_edi_el (c->w, mode_code (leg->mode), "mode");
  cs_edi_el (c->w, NULL, NULL);                       /* C228 */
  /* C040 carrier: 3127 code (1131 172 carrier code, 3055 ZZZ as agreed), 3128 name */
  cs_edi_el (c->w, leg->carrier_code, "carrier_code");
  cs_edi_comp (c->w, has_text (leg->carrier_code) ? "172" : NULL, NULL);
  cs_edi_comp (c->w, has_text (leg->carrier_code) ? "ZZZ" : NULL, NULL);
  cs_edi_comp (c->w, leg->carrier, "carrier");
  cs_edi_el (c->w, NULL, NULL);                       /* 8101 */
  cs_edi_el (c->w, NULL, NULL);                       /* C401 */
  cs_edi_el (c->w, means_id, means_field);            /* C222 */
  cs_edi_comp (c->w, means_list, NULL);
  cs_edi_comp (c->w, means_agency, NULL);
  cs_edi_comp (c->w, v != NULL ? v->name : NULL, "vessel.name");
  cs_edi_comp (c->w, v != NULL ? v->flag : NULL, "vessel.flag");
  cs_edi_end (c->w);
  cs_edi_context (c->w, NULL);

  write_loc (c, main_carriage ? "9" : "5", leg->from, f_from);
  write_loc (c, main_carriage ? "11" : "8", leg->to, f_to);
  write_dtm (c, "133", leg->etd, f_etd);
  write_dtm (c, "132", leg->eta, f_eta);
}

/* ------------------------------------------------------------------ equipment */

static void
compute_boxes (Cuscar *c)
{
  guint n_boxes = CS_MANIFEST_N_CONTAINERS (c->m);

  c->boxes = g_new0 (BoxTotals, MAX (n_boxes, 1));
  c->box_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_boxes; i++)
    {
      CsContainer *box = CS_MANIFEST_CONTAINER (c->m, i);
      c->boxes[i].goods_gross_known = TRUE;
      c->boxes[i].band_min = -INFINITY;
      c->boxes[i].band_max = INFINITY;
      if (box->number != NULL && !g_hash_table_contains (c->box_index, box->number))
        g_hash_table_insert (c->box_index, box->number, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (c->m); i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (c->m, i);
      guint n_splits = cs_list_length (item->splits);
      double split_total = 0;

      for (guint s = 0; s < n_splits; s++)
        {
          CsSplit *split = cs_list_index (item->splits, s);
          split_total += cs_num_is_set (split->packages) ? split->packages : 0;
        }

      for (guint s = 0; s < MAX (n_splits, 1); s++)
        {
          CsSplit *split = n_splits > 0 ? cs_list_index (item->splits, s) : NULL;
          const char *number = split != NULL ? split->container : item->container;
          guint idx = number ? GPOINTER_TO_UINT (g_hash_table_lookup (c->box_index, number)) : 0;
          BoxTotals *t;

          if (idx == 0)
            continue;
          t = &c->boxes[idx - 1];
          t->has_goods = TRUE;
          if (!cs_num_is_set (item->gross_kg))
            t->goods_gross_known = FALSE;
          else if (split == NULL)
            t->goods_gross += item->gross_kg;
          else if (split_total > 0 && cs_num_is_set (split->packages))
            t->goods_gross += item->gross_kg * split->packages / split_total;
          else
            t->goods_gross_known = FALSE;
          if (item->perishable != NULL)
            {
              if (cs_num_is_set (item->perishable->temp_min_c))
                t->band_min = MAX (t->band_min, item->perishable->temp_min_c);
              if (cs_num_is_set (item->perishable->temp_max_c))
                t->band_max = MIN (t->band_max, item->perishable->temp_max_c);
            }
        }
    }
}

static void
write_measure (Cuscar     *c,
               const char *attribute,
               const char *unit,
               double      value,
               const char *field)
{
  if (!cs_num_is_set (value))
    return;
  cs_edi_begin (c->w, "MEA");
  cs_edi_el (c->w, "AAE", NULL);
  cs_edi_el (c->w, attribute, NULL);
  cs_edi_el (c->w, unit, NULL);
  cs_edi_comp_num (c->w, value, field);
  cs_edi_end (c->w);
}

/* The containers of message @part: those its goods items are in (@first_item .. @end_item - 1),
 * and in the first message also those no goods item is in; marked in c->box_in_part. Adds the
 * message's own gross weight and package totals (absent numbers count as 0). */
static guint
mark_boxes (Cuscar *c,
            guint   part,
            guint   first_item,
            guint   end_item,
            double *gross,
            double *packages)
{
  guint n_boxes = CS_MANIFEST_N_CONTAINERS (c->m);
  guint n = 0;

  memset (c->box_in_part, 0, MAX (n_boxes, 1));
  *gross = 0;
  *packages = 0;
  for (guint i = first_item; i < end_item; i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (c->m, i);
      guint n_splits = cs_list_length (item->splits);

      if (cs_num_is_set (item->gross_kg))
        *gross += item->gross_kg;
      if (item->packages != NULL && cs_num_is_set (item->packages->count))
        *packages += item->packages->count;
      for (guint s = 0; s < MAX (n_splits, 1); s++)
        {
          CsSplit *split = n_splits > 0 ? cs_list_index (item->splits, s) : NULL;
          const char *number = split != NULL ? split->container : item->container;
          guint idx = number ? GPOINTER_TO_UINT (g_hash_table_lookup (c->box_index, number)) : 0;

          if (idx > 0 && !c->box_in_part[idx - 1])
            {
              c->box_in_part[idx - 1] = 1;
              n++;
            }
        }
    }
  if (part == 0)
    for (guint i = 0; i < n_boxes; i++)
      if (!c->boxes[i].has_goods && !c->box_in_part[i])
        {
          c->box_in_part[i] = 1;
          n++;
        }
  return n;
}

static void
write_equipment (Cuscar *c)
{
  guint n_boxes = CS_MANIFEST_N_CONTAINERS (c->m);
  guint n_written = 0;
  const char *status = NULL;

  if (g_strcmp0 (c->m->direction, "export") == 0)
    status = "2";
  else if (g_strcmp0 (c->m->direction, "import") == 0)
    status = "3";

  if (n_boxes > MAX_EQUIPMENT)
    {
      refuse (c, CS_EXPORT_ERROR_INVALID,
              _("containers: a CUSCAR message can report at most %u containers, this manifest has %u"),
              MAX_EQUIPMENT, n_boxes);
      return;
    }

  for (guint i = 0; i < n_boxes && cs_edi_ok (c->w); i++)
    {
      CsContainer *box = CS_MANIFEST_CONTAINER (c->m, i);
      BoxTotals *t = &c->boxes[i];
      g_autofree char *base = NULL;
      guint n_seals = box->seals != NULL ? g_strv_length (box->seals) : 0;
      double gross = box->vgm_kg;

      if (!c->box_in_part[i])
        continue;
      n_written++;
      base = g_strdup_printf ("containers[%u]", i);

      if (!has_text (box->number))
        {
          refuse (c, CS_EXPORT_ERROR_INVALID,
                  _("%s.number: the container has no number; CUSCAR identifies equipment by it"),
                  base);
          return;
        }
      cs_edi_context (c->w, base);
      cs_edi_begin (c->w, "EQD");
      cs_edi_el (c->w, "CN", NULL);
      cs_edi_el (c->w, box->number, "number");
      cs_edi_el (c->w, box->size_type, "size_type");
      cs_edi_comp (c->w, has_text (box->size_type) ? "102" : NULL, NULL);
      cs_edi_comp (c->w, has_text (box->size_type) ? "5" : NULL, NULL);
      cs_edi_el (c->w, NULL, NULL);
      cs_edi_el (c->w, status, NULL);
      cs_edi_el (c->w, t->has_goods ? "5" : "4", NULL);
      cs_edi_end (c->w);

      /* Gross: the verified gross mass, else tare + goods when both are known. */
      if (!cs_num_is_set (gross) && cs_num_is_set (box->tare_kg) && t->has_goods &&
          t->goods_gross_known)
        gross = box->tare_kg + t->goods_gross;
      write_measure (c, "T", "KGM", box->tare_kg, "tare_kg");
      write_measure (c, "G", "KGM", gross, cs_num_is_set (box->vgm_kg) ? "vgm_kg" : "tare_kg");

      if (n_seals > MAX_SEALS)
        {
          refuse (c, CS_EXPORT_ERROR_INVALID,
                  _("%s.seals: CUSCAR carries at most %u seals per container"), base, MAX_SEALS);
          return;
        }
      for (guint s = 0; s < n_seals; s++)
        {
          g_autofree char *field = g_strdup_printf ("seals[%u]", s);
          if (!has_text (box->seals[s]))
            continue;
          cs_edi_begin (c->w, "SEL");
          cs_edi_el (c->w, box->seals[s], field);
          cs_edi_end (c->w);
        }

      if (box->reefer != NULL && cs_num_is_set (box->reefer->setpoint_c))
        {
          cs_edi_begin (c->w, "TMP");
          cs_edi_el (c->w, "2", NULL);
          cs_edi_el_num (c->w, box->reefer->setpoint_c, "reefer.setpoint_c");
          cs_edi_comp (c->w, "CEL", NULL);
          cs_edi_end (c->w);
          if (isfinite (t->band_min) && isfinite (t->band_max) && t->band_min <= t->band_max)
            {
              cs_edi_begin (c->w, "RNG");
              cs_edi_el (c->w, "5", NULL);
              cs_edi_el (c->w, "CEL", NULL);
              cs_edi_comp_num (c->w, t->band_min, "reefer");
              cs_edi_comp_num (c->w, t->band_max, "reefer");
              cs_edi_end (c->w);
            }
        }
      cs_edi_context (c->w, NULL);
    }

  if (n_written > 0)
    {
      cs_edi_begin (c->w, "CNT");
      cs_edi_el (c->w, "16", NULL);
      cs_edi_comp_num (c->w, n_written, NULL);
      cs_edi_end (c->w);
    }
}

/* ------------------------------------------------------------------ goods */

/* FTX+qualifier with the wrapped lines start..end-1 (at most 5 per segment). */
static guint
write_ftx_lines (Cuscar     *c,
                 const char *qualifier,
                 guint       start,
                 const char *item_path,
                 const char *field,
                 guint       budget)
{
  guint used = 0;

  for (guint i = start; i < c->lines->len; i += 5)
    {
      if (used == budget)
        {
          refuse (c, CS_EXPORT_ERROR_INVALID,
                  _("%s.%s: the text is too long for the EDIFACT free text of one goods item "
                    "(at most %u FTX segments)"), item_path, field, MAX_ITEM_FTX);
          return used;
        }
      cs_edi_begin (c->w, "FTX");
      cs_edi_el (c->w, qualifier, NULL);
      cs_edi_el (c->w, NULL, NULL);
      cs_edi_el (c->w, NULL, NULL);
      for (guint k = i; k < MIN (i + 5, c->lines->len); k++)
        put_line (c, k == i, k, field);
      cs_edi_end (c->w);
      used++;
    }
  return used;
}

/* A list of identifiers (VINs, serial numbers) as text lines of FTX+AAA after a label; with
 * @box, only those whose container (the parallel vector @boxes) is @box. */
static guint
write_id_list (Cuscar             *c,
               const char         *label,
               const char        **ids,
               const char * const *boxes,
               const char         *box,
               const char         *field,
               const char         *item_path,
               guint               budget)
{
  GString *text;
  g_autofree char *full = NULL;
  guint used = 0;
  gboolean any = FALSE;

  if (ids == NULL || ids[0] == NULL)
    return 0;
  text = g_string_new (label);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (box != NULL && g_strcmp0 (cs_tagged_container (boxes, i), box) != 0)
        continue;
      g_string_append_c (text, ' ');
      g_string_append (text, ids[i]);
      any = TRUE;
    }
  full = g_strdup_printf ("%s.%s", item_path, field);
  if (any && wrap (c, text->str, full, "EDIFACT free text", 70, 0))
    used = write_ftx_lines (c, "AAA", 0, item_path, field, budget);
  g_string_free (text, TRUE);
  return used;
}

/* Whether every entry of @ids names a container (@boxes) that is one of @item's splits. */
static gboolean
ids_in_splits (CsItem             *item,
               const char * const *ids,
               const char * const *boxes)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *box = cs_tagged_container (boxes, i);
      gboolean found = FALSE;

      for (guint s = 0; box != NULL && !found && s < cs_list_length (item->splits); s++)
        found = g_strcmp0 (((CsSplit *) cs_list_index (item->splits, s))->container, box) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* A line reported as one goods item per split: its VINs or serials name their boxes, each of
 * them one of the line's splits, and the splits are distinct containers whose package counts
 * add up to the line's (so the goods items' counts and the control totals agree). */
static gboolean
item_per_box (CsItem *item)
{
  guint n_splits = cs_list_length (item->splits);
  CsVehicle *v = item->vehicle;
  CsMachinery *mc = item->machinery;
  double sum = 0;

  if (n_splits < 2 || item->packages == NULL || !cs_num_is_set (item->packages->count))
    return FALSE;
  if ((v == NULL || v->vin_containers == NULL) && (mc == NULL || mc->serial_containers == NULL))
    return FALSE;
  for (guint s = 0; s < n_splits; s++)
    {
      CsSplit *split = cs_list_index (item->splits, s);

      if (!has_text (split->container) || !cs_num_is_set (split->packages) || split->packages <= 0)
        return FALSE;
      for (guint t = 0; t < s; t++)
        if (strcmp (((CsSplit *) cs_list_index (item->splits, t))->container, split->container) == 0)
          return FALSE;
      sum += split->packages;
    }
  if (sum != item->packages->count)
    return FALSE;
  return (v == NULL || ids_in_splits (item, (const char * const *) v->vins,
                                      (const char * const *) v->vin_containers)) &&
         (mc == NULL || ids_in_splits (item, (const char * const *) mc->serials,
                                       (const char * const *) mc->serial_containers));
}

/* The goods items @item is reported as. */
static guint
goods_of_item (CsItem *item)
{
  return item_per_box (item) ? cs_list_length (item->splits) : 1;
}

/* A share of a line's measure for the goods item of one split, to the gram or litre. */
static double
share (double value,
       double part,
       double whole)
{
  return cs_num_is_set (value) ? round (value * part / whole * 1000) / 1000 : value;
}

static const char *
packing_group_code (const char *pg)
{
  if (g_strcmp0 (pg, "I") == 0)
    return "1";
  if (g_strcmp0 (pg, "II") == 0)
    return "2";
  if (g_strcmp0 (pg, "III") == 0)
    return "3";
  return pg;
}

/* Goods item @seq: line @index, or with @only its part in that split (item_per_box ()). */
static void
write_goods_item (Cuscar  *c,
                  guint    index,
                  guint    seq,
                  CsSplit *only)
{
  CsItem *item = CS_MANIFEST_ITEM (c->m, index);
  const char *box = only != NULL ? only->container : NULL;
  double part = only != NULL ? only->packages : 1;
  double whole = only != NULL ? item->packages->count : 1;
  char path[40];
  guint ftx_used = 0;
  guint n_desc;

  g_snprintf (path, sizeof path, "items[%u]", index);
  cs_edi_context (c->w, path);

  cs_edi_begin (c->w, "GID");
  cs_edi_el_num (c->w, seq, NULL);
  if (item->packages != NULL)
    {
      if (only != NULL)
        {
          char field[48];
          g_snprintf (field, sizeof field, "splits[%d].packages", cs_list_find (item->splits, only));
          cs_edi_el_num (c->w, only->packages, field);
        }
      else
        cs_edi_el_num (c->w, item->packages->count, "packages.count");
      cs_edi_comp (c->w, item->packages->type, "packages.type");
    }
  cs_edi_end (c->w);

  /* Goods description, then the tariff code in its own line. */
  n_desc = 0;
  reset_lines (c);
  if (has_text (item->description))
    {
      char field[64];
      g_snprintf (field, sizeof field, "%s.description", path);
      if (!wrap (c, item->description, field, "the EDIFACT goods description (FTX C108)", 70, 0))
        return;
      n_desc = c->lines->len;
    }
  if (has_text (item->hs_code))
    {
      Line line = { (guint) c->scratch->len, 0 };
      gunichar bad = 0;
      gsize at;

      g_string_append (c->scratch, "HS ");
      at = c->scratch->len;
      if (!cs_edi_to_latin1 (item->hs_code, c->scratch, &bad))
        {
          refuse (c, CS_EXPORT_ERROR_ENCODING,
                  _("%s.hs_code: “%s” contains characters the EDIFACT character set UNOC "
                    "(ISO 8859-1) cannot carry"), path, item->hs_code);
          return;
        }
      /* dots and spaces are only for reading */
      for (gsize from = at; from < c->scratch->len; from++)
        if (c->scratch->str[from] != '.' && c->scratch->str[from] != ' ')
          c->scratch->str[at++] = c->scratch->str[from];
      g_string_truncate (c->scratch, at);
      line.length = (guint) c->scratch->len - line.offset;
      g_array_append_val (c->lines, line);
    }
  if (c->lines->len > 0)
    ftx_used += write_ftx_lines (c, "AAA", 0, path, n_desc > 0 ? "description" : "hs_code",
                                 MAX_ITEM_FTX - 1);

  if (item->vehicle != NULL)
    ftx_used += write_id_list (c, "VIN", (const char **) item->vehicle->vins,
                               (const char * const *) item->vehicle->vin_containers, box,
                               "vehicle.vins", path, MAX_ITEM_FTX - 1 - ftx_used);
  if (item->machinery != NULL)
    ftx_used += write_id_list (c, "SERIAL NO", (const char **) item->machinery->serials,
                               (const char * const *) item->machinery->serial_containers, box,
                               "machinery.serials", path, MAX_ITEM_FTX - 1 - ftx_used);
  if (item->dg != NULL && has_text (item->dg->proper_shipping_name))
    {
      char field[64];
      g_snprintf (field, sizeof field, "%s.dg.proper_shipping_name", path);
      if (wrap (c, item->dg->proper_shipping_name, field, "EDIFACT free text", 70, 5))
        write_ftx_lines (c, "AAD", 0, path, "dg.proper_shipping_name",
                         MIN (1, MAX_ITEM_FTX - ftx_used));
    }

  write_measure (c, "G", "KGM", share (item->gross_kg, part, whole), "gross_kg");
  write_measure (c, "AAL", "KGM", share (item->net_kg, part, whole), "net_kg");
  write_measure (c, "AAW", "MTQ", share (item->volume_m3, part, whole), "volume_m3");

  /* Split goods placement: the line's container, or one per split (only the one given). */
  if (only != NULL)
    {
      char field[48];
      int s = cs_list_find (item->splits, only);

      g_snprintf (field, sizeof field, "splits[%d].container", s);
      cs_edi_begin (c->w, "SGP");
      cs_edi_el (c->w, only->container, field);
      g_snprintf (field, sizeof field, "splits[%d].packages", s);
      cs_edi_el_num (c->w, only->packages, field);
      cs_edi_end (c->w);
    }
  else if (cs_list_length (item->splits) > 0)
    for (guint s = 0; s < cs_list_length (item->splits); s++)
      {
        CsSplit *split = cs_list_index (item->splits, s);
        char field[48];

        g_snprintf (field, sizeof field, "splits[%u].container", s);
        cs_edi_begin (c->w, "SGP");
        cs_edi_el (c->w, split->container, field);
        g_snprintf (field, sizeof field, "splits[%u].packages", s);
        cs_edi_el_num (c->w, split->packages, field);
        cs_edi_end (c->w);
      }
  else if (has_text (item->container))
    {
      cs_edi_begin (c->w, "SGP");
      cs_edi_el (c->w, item->container, "container");
      cs_edi_el_num (c->w, item->packages != NULL ? item->packages->count : NAN, "packages.count");
      cs_edi_end (c->w);
    }

  if (item->dg != NULL && (has_text (item->dg->dg_class) || has_text (item->dg->un_number)))
    {
      const char *un = item->dg->un_number;

      if (un != NULL && g_ascii_strncasecmp (un, "UN", 2) == 0)
        for (un += 2; *un == ' '; un++)
          ;
      cs_edi_begin (c->w, "DGS");
      cs_edi_el (c->w, c->dg_regulation, NULL);
      cs_edi_el (c->w, item->dg->dg_class, "dg.class");
      cs_edi_el (c->w, un, "dg.un_number");
      cs_edi_el (c->w, NULL, NULL);                     /* C223 flashpoint */
      cs_edi_el (c->w, packing_group_code (item->dg->packing_group), "dg.packing_group");
      cs_edi_end (c->w);
    }

  if (has_text (item->marks))
    {
      char field[64];
      g_snprintf (field, sizeof field, "%s.marks", path);
      if (wrap (c, item->marks, field, "the EDIFACT shipping marks (PCI C210)", 35, 10))
        {
          cs_edi_begin (c->w, "PCI");
          cs_edi_el (c->w, "28", NULL);
          for (guint k = 0; k < c->lines->len; k++)
            put_line (c, k == 0, k, "marks");
          cs_edi_end (c->w);
        }
    }
  cs_edi_context (c->w, NULL);
}

/* ------------------------------------------------------------------ messages */

static void
write_message (Cuscar *c,
               guint   part,
               guint   n_parts,
               guint   first_item,
               guint   end_item)
{
  CsManifest *m = c->m;
  CsTransportDocument *td = m->transport_document;
  const char *rff_qualifier = g_strcmp0 (td->type, "BL") == 0 || td->type == NULL ? "BM" : "AAM";
  g_autofree char *ref = g_strdup_printf ("%u", part + 1);
  g_autofree char *stamp = g_date_time_format (c->now, "%Y%m%d%H%M");
  double gross = 0, packages = 0;
  char count[32];

  mark_boxes (c, part, first_item, end_item, &gross, &packages);

  cs_edi_begin (c->w, "UNH");
  cs_edi_el (c->w, ref, NULL);
  cs_edi_el (c->w, "CUSCAR", NULL);
  cs_edi_comp (c->w, c->dir->version, NULL);
  cs_edi_comp (c->w, c->dir->release, NULL);
  cs_edi_comp (c->w, "UN", NULL);
  if (n_parts > 1)
    {
      cs_edi_el (c->w, c->reference, "reference");
      g_snprintf (count, sizeof count, "%u", part + 1);
      cs_edi_el (c->w, count, NULL);
      cs_edi_comp (c->w, part == 0 ? "C" : (part + 1 == n_parts ? "F" : NULL), NULL);
    }
  cs_edi_end (c->w);

  cs_edi_begin (c->w, "BGM");
  cs_edi_el (c->w, "85", NULL);                        /* customs manifest */
  cs_edi_el (c->w, c->reference, "reference");
  cs_edi_el (c->w, c->message_function, NULL);         /* 9 original, 5 replacement, 1 cancellation */
  cs_edi_end (c->w);

  cs_edi_begin (c->w, "DTM");
  cs_edi_el (c->w, "137", NULL);
  cs_edi_comp (c->w, stamp, NULL);
  cs_edi_comp (c->w, "203", NULL);
  cs_edi_end (c->w);

  /* SG1: the commercial invoice */
  if (m->invoice != NULL && has_text (m->invoice->number))
    {
      cs_edi_begin (c->w, "RFF");
      cs_edi_el (c->w, "IV", NULL);
      cs_edi_comp (c->w, m->invoice->number, "invoice.number");
      cs_edi_end (c->w);
      write_dtm (c, "3", m->invoice->date, "invoice.date");
    }

  /* SG2: carrier and declarant */
  write_carrier (c);
  write_party (c, "DT", "declarant", NULL);

  /* SG4: the main carriage */
  if (c->main_leg >= 0)
    write_leg (c, c->main_leg, TRUE);

  /* SG5 and the equipment count: the containers this message's goods are in */
  write_equipment (c);

  /* SG7: the consignment under its transport document */
  cs_edi_begin (c->w, "CNI");
  cs_edi_el (c->w, "1", NULL);
  cs_edi_el (c->w, td->number, "transport_document.number");
  cs_edi_end (c->w);

  cs_edi_begin (c->w, "RFF");
  cs_edi_el (c->w, rff_qualifier, NULL);
  cs_edi_comp (c->w, td->number, "transport_document.number");
  cs_edi_end (c->w);

  /* Control totals of this message's goods items */
  cs_edi_begin (c->w, "CNT");
  cs_edi_el (c->w, "7", NULL);                         /* total gross weight */
  cs_edi_comp_num (c->w, gross, NULL);
  cs_edi_comp (c->w, "KGM", NULL);
  cs_edi_end (c->w);
  cs_edi_begin (c->w, "CNT");
  cs_edi_el (c->w, "11", NULL);                        /* total packages */
  cs_edi_comp_num (c->w, packages, NULL);
  cs_edi_end (c->w);

  write_loc (c, "88", m->place_of_receipt, "place_of_receipt");
  write_loc (c, "9", m->port_of_loading, "port_of_loading");
  write_loc (c, "11", m->port_of_discharge, "port_of_discharge");
  write_loc (c, "7", m->place_of_delivery, "place_of_delivery");

  /* SG9: pre- and on-carriage */
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    if ((int) i != c->main_leg)
      write_leg (c, i, FALSE);

  /* SG11: the trade parties */
  write_party (c, "CZ", "shipper", NULL);
  write_party (c, "CN", "consignee", NULL);
  write_party (c, "N1", "notify", NULL);

  /* SG14: goods items */
  for (guint i = first_item; i < end_item && cs_edi_ok (c->w); i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (m, i);

      /* numbered on across messages */
      if (c->per_box[i])
        for (guint s = 0; s < cs_list_length (item->splits) && cs_edi_ok (c->w); s++)
          write_goods_item (c, i, c->next_goods++, cs_list_index (item->splits, s));
      else
        write_goods_item (c, i, c->next_goods++, NULL);
    }

  cs_edi_begin (c->w, "UNT");
  cs_edi_el_num (c->w, cs_edi_message_segments (c->w) + 1, NULL);
  cs_edi_el (c->w, ref, NULL);
  cs_edi_end (c->w);
}

static void
split_party_id (const char  *spec,
                char       **id,
                char       **qualifier)
{
  const char *colon = strchr (spec, ':');

  if (colon != NULL)
    {
      *id = g_strndup (spec, colon - spec);
      *qualifier = g_strdup (colon + 1);
    }
  else
    {
      *id = g_strdup (spec);
      *qualifier = g_strdup ("ZZZ");                  /* mutually defined */
    }
}

static int
pick_main_leg (CsManifest *m)
{
  guint n = CS_MANIFEST_N_LEGS (m);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (CS_MANIFEST_LEG (m, i)->mode, "sea") == 0)
      return (int) i;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (CS_MANIFEST_LEG (m, i)->mode, "river") == 0)
      return (int) i;
  return n > 0 ? 0 : -1;
}

static const char *
dg_regulation (CsManifest *m,
               int         main_leg)
{
  const char *mode = main_leg >= 0 ? CS_MANIFEST_LEG (m, main_leg)->mode : NULL;

  if (g_strcmp0 (mode, "rail") == 0)
    return "RID";
  if (g_strcmp0 (mode, "road") == 0)
    return "ADR";
  return "IMD";                                        /* IMDG code */
}

static gboolean
check_options (CsManifest            *m,
               const CsExportOptions *o,
               const CsEdiDirectory **dir,
               GError               **error)
{
  guint n_goods;

  *dir = cs_edi_directory_find (o->directory != NULL ? o->directory : "D96B");
  if (*dir == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_FORMAT,
                   _("Unknown EDIFACT directory “%s” (known: %s)"), o->directory,
                   cs_edi_directory_list ());
      return FALSE;
    }
  if (!has_text (o->sender))
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                           _("An EDIFACT interchange needs the sender's id: set the EDIFACT sender "
                             "in Preferences, or give --sender"));
      return FALSE;
    }
  if (!has_text (o->recipient))
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                           _("An EDIFACT interchange needs the recipient's id: give --recipient "
                             "(e.g. the customs office or port system id)"));
      return FALSE;
    }
  if (o->interchange_ref <= 0)
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                           _("An EDIFACT interchange needs a control reference (a positive number, "
                             "unique for the sender and increasing)"));
      return FALSE;
    }
  if (o->message_function != NULL && strcmp (o->message_function, CS_EDIFACT_ORIGINAL) != 0 &&
      strcmp (o->message_function, CS_EDIFACT_REPLACEMENT) != 0 &&
      strcmp (o->message_function, CS_EDIFACT_CANCELLATION) != 0)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_FORMAT,
                   _("Unknown CUSCAR message function “%s” (9 original, 5 replacement, 1 cancellation)"),
                   o->message_function);
      return FALSE;
    }
  n_goods = 0;
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m) && n_goods <= MAX_GOODS_ITEMS; i++)
    n_goods += goods_of_item (CS_MANIFEST_ITEM (m, i));
  if (n_goods > MAX_GOODS_ITEMS)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   _("items: a CUSCAR numbers the goods items of one transport document with at most "
                     "5 digits (GID 1496), so it carries at most %u of them; this manifest has %u"),
                   MAX_GOODS_ITEMS, n_goods);
      return FALSE;
    }
  return TRUE;
}

G_GNUC_PRINTF (3, 4)
static void
missing (GString    *list,
         guint      *n,
         const char *format,
         ...)
{
  va_list args;

  if (++*n > MAX_FINDINGS_SHOWN)
    return;
  g_string_append (list, "\n- ");
  va_start (args, format);
  g_string_append_vprintf (list, format, args);
  va_end (args);
}

/* What a customs gateway refuses a CUSCAR without, all named at once (the writer would stop at
 * the first, and some of these it could write, leaving the gateway to reject the message). */
static gboolean
check_complete (CsManifest  *m,
                int          main_leg,
                GError     **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = 0;

  if (m->transport_document == NULL || !has_text (m->transport_document->number))
    missing (list, &n, "%s", _("transport_document.number: the bill of lading or consignment note "
                               "number, under which the goods are reported"));
  if (main_leg < 0)
    missing (list, &n, "%s", _("legs: the main carriage (its mode, places and voyage)"));
  else
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, main_leg);

      if (!has_text (leg->from) && !has_text (m->port_of_loading))
        missing (list, &n, _("legs[%d].from: the place of loading of the main carriage"), main_leg);
      if (!has_text (leg->to) && !has_text (m->port_of_discharge))
        missing (list, &n, _("legs[%d].to: the place of discharge of the main carriage"), main_leg);
    }
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);

      if (has_text (leg->from) && !cs_locode_well_formed (leg->from))
        missing (list, &n, _("legs[%u].from: “%s” is not a UN/LOCODE"), i, leg->from);
      if (has_text (leg->to) && !cs_locode_well_formed (leg->to))
        missing (list, &n, _("legs[%u].to: “%s” is not a UN/LOCODE"), i, leg->to);
      if (leg->vessel != NULL && has_text (leg->vessel->imo) && !cs_imo_valid (leg->vessel->imo))
        missing (list, &n, _("legs[%u].vessel.imo: “%s” is not a valid IMO ship number"), i,
                 leg->vessel->imo);
    }
  {
    const char *places[][2] = {
      { "place_of_receipt", m->place_of_receipt }, { "port_of_loading", m->port_of_loading },
      { "port_of_discharge", m->port_of_discharge }, { "place_of_delivery", m->place_of_delivery },
    };
    for (guint k = 0; k < G_N_ELEMENTS (places); k++)
      if (has_text (places[k][1]) && !cs_locode_well_formed (places[k][1]))
        missing (list, &n, _("%s: “%s” is not a UN/LOCODE"), places[k][0], places[k][1]);
  }
  if (CS_MANIFEST_N_ITEMS (m) == 0)
    missing (list, &n, "%s", _("items: at least one goods item"));
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    if (!has_text (CS_MANIFEST_CONTAINER (m, i)->number))
      missing (list, &n, _("containers[%u].number: the container number, by which CUSCAR identifies "
                           "equipment"), i);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (m, i);

      if (item->packages == NULL || !cs_num_is_set (item->packages->count) ||
          item->packages->count <= 0)
        missing (list, &n, _("items[%u].packages.count: the number of packages"), i);
      if (item->packages == NULL || !has_text (item->packages->type))
        missing (list, &n, _("items[%u].packages.type: the kind of package (UN/ECE Recommendation 21 "
                             "code)"), i);
      if (!has_text (item->description))
        missing (list, &n, _("items[%u].description: the goods description"), i);
      if (!cs_num_is_set (item->gross_kg))
        missing (list, &n, _("items[%u].gross_kg: the gross weight"), i);
    }
  if (n == 0)
    return TRUE;
  if (n > MAX_FINDINGS_SHOWN)
    g_string_append_printf (list, "\n- %s",
                            _("… and more of the same kind; run “consign validate” for the full list"));
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The CUSCAR would be incomplete for a customs gateway, which would refuse "
                            "it; %u thing is missing:%s",
                            "The CUSCAR would be incomplete for a customs gateway, which would refuse "
                            "it; %u things are missing:%s", n),
               n, list->str);
  return FALSE;
}

gboolean
cs_export_edifact_write (CsManifest            *m,
                         const CsExportOptions *o,
                         const char            *path,
                         GError               **error)
{
  CsExportOptions defaults = { 0 };
  const CsEdiDirectory *dir = NULL;
  Cuscar c = { 0 };
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  GArray *starts;
  guint n_items, n_parts;

  g_return_val_if_fail (CS_IS_MANIFEST (m), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (o == NULL)
    o = &defaults;
  if (!check_options (m, o, &dir, error) || !check_complete (m, pick_main_leg (m), error))
    return FALSE;

  c.w = cs_edi_writer_new (dir, path, error);
  if (c.w == NULL)
    return FALSE;
  c.m = m;
  c.dir = dir;
  c.now = o->now != NULL ? g_date_time_ref (o->now) : g_date_time_new_now_local ();
  c.reference = m->reference;
  c.main_leg = pick_main_leg (m);
  c.dg_regulation = dg_regulation (m, c.main_leg);
  c.scratch = g_string_new (NULL);
  c.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  split_party_id (o->sender, &c.sender_id, &c.sender_qual);
  split_party_id (o->recipient, &c.recipient_id, &c.recipient_qual);
  c.interchange = cs_edifact_interchange_ref (o->installation, o->interchange_ref);
  c.message_function = o->message_function != NULL ? o->message_function : CS_EDIFACT_ORIGINAL;
  c.test_indicator = o->test_indicator;
  compute_boxes (&c);
  c.box_in_part = g_malloc0 (MAX (CS_MANIFEST_N_CONTAINERS (m), 1));

  /* Messages of at most GOODS_PER_MESSAGE goods items, a line's goods items in one message:
   * starts[p] is the first item of message p. */
  n_items = CS_MANIFEST_N_ITEMS (m);
  c.per_box = g_malloc0 (MAX (n_items, 1));
  c.next_goods = 1;
  starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0, in_part = 0; i < n_items; i++)
    {
      guint n = goods_of_item (CS_MANIFEST_ITEM (m, i));

      c.per_box[i] = n > 1;
      if (i == 0 || in_part + n > GOODS_PER_MESSAGE)
        {
          g_array_append_val (starts, i);
          in_part = 0;
        }
      in_part += n;
    }
  g_array_append_val (starts, n_items);
  n_parts = starts->len - 1;
  date = g_date_time_format (c.now, "%y%m%d");
  time = g_date_time_format (c.now, "%H%M");

  cs_edi_una (c.w);
  cs_edi_begin (c.w, "UNB");
  cs_edi_el (c.w, "UNOC", NULL);
  cs_edi_comp (c.w, "3", NULL);
  cs_edi_el (c.w, c.sender_id, "sender");
  cs_edi_comp (c.w, c.sender_qual, "sender");
  cs_edi_el (c.w, c.recipient_id, "recipient");
  cs_edi_comp (c.w, c.recipient_qual, "recipient");
  cs_edi_el (c.w, date, NULL);
  cs_edi_comp (c.w, time, NULL);
  cs_edi_el (c.w, c.interchange, "interchange reference");
  cs_edi_el (c.w, NULL, NULL);                        /* S005 */
  cs_edi_el (c.w, "CUSCAR", NULL);                    /* 0026 application reference */
  if (c.test_indicator)
    {
      cs_edi_el (c.w, NULL, NULL);                    /* 0029 */
      cs_edi_el (c.w, NULL, NULL);                    /* 0031 */
      cs_edi_el (c.w, NULL, NULL);                    /* 0032 */
      cs_edi_el (c.w, "1", NULL);                     /* 0035 test indicator */
    }
  cs_edi_end (c.w);

  for (guint part = 0; part < n_parts && cs_edi_ok (c.w); part++)
    write_message (&c, part, n_parts, g_array_index (starts, guint, part),
                   g_array_index (starts, guint, part + 1));

  cs_edi_begin (c.w, "UNZ");
  cs_edi_el_num (c.w, n_parts, NULL);
  cs_edi_el (c.w, c.interchange, NULL);
  cs_edi_end (c.w);

  g_date_time_unref (c.now);
  g_string_free (c.scratch, TRUE);
  g_array_unref (c.lines);
  g_free (c.boxes);
  g_free (c.box_in_part);
  g_free (c.per_box);
  g_array_unref (starts);
  g_free (c.interchange);
  g_hash_table_unref (c.box_index);
  g_free (c.sender_id);
  g_free (c.sender_qual);
  g_free (c.recipient_id);
  g_free (c.recipient_qual);
  return cs_edi_writer_finish (c.w, error);
}
