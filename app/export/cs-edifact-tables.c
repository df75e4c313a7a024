/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-tables.c: the UN/EDIFACT directories the CUSCAR writer knows
 *
 * Transcribed from the UN Trade Data Interchange Directory (UNTDID) segment and composite
 * directories (https://service.unece.org/trade/untdid/), for the segments a CUSCAR writer uses.
 * Each segment lists all its data elements in directory order, so positions are right even for
 * the elements we leave empty. M = mandatory, C = conditional.
 *
 * Only D.96B is offered. D.95B was dropped rather than written wrongly: its CUSCAR has another
 * message structure (header RFF and NAD without groups, no DTM after the header RFF, no CTA/COM
 * after the header NAD, BGM without C106) and other element formats (COM 3148 an..25, LOC 3224
 * an..17, NAD C059 three lines, FTX 4441 an..3, MEA 6155), and a directory is only worth offering
 * when the writer follows its structure and the tests check it against that directory's own
 * definitions (tests/edifact/). Adding a directory: a segment list here, the message structure
 * in the writer where it differs, and its definitions as data under tests/edifact/.
 */

#include "config.h"

#include <string.h>

#include "cs-edifact-tables.h"

#define M(id, fmt) { id, fmt, TRUE }
#define C(id, fmt) { id, fmt, FALSE }
#define SIMPLE(id, st, fmt)     { id, st, fmt, NULL, 0 }
#define COMPOSITE(id, st, comp) { id, st, NULL, comp, G_N_ELEMENTS (comp) }
#define SEG(tag, name, els)     { tag, name, els, G_N_ELEMENTS (els) }

/* ------------------------------------------------------------------ service segments (syntax 3) */

static const CsEdiComponent s001[] = { M ("0001", "a4"), M ("0002", "n1") };
static const CsEdiComponent s002[] = { M ("0004", "an..35"), C ("0007", "an..4"), C ("0008", "an..14") };
static const CsEdiComponent s003[] = { M ("0010", "an..35"), C ("0007", "an..4"), C ("0014", "an..14") };
static const CsEdiComponent s004[] = { M ("0017", "n6"), M ("0019", "n4") };
static const CsEdiComponent s005[] = { M ("0022", "an..14"), C ("0025", "an2") };
static const CsEdiComponent s009[] = {
  M ("0065", "an..6"), M ("0052", "an..3"), M ("0054", "an..3"), M ("0051", "an..2"), C ("0057", "an..6")
};
static const CsEdiComponent s010[] = { M ("0070", "n..2"), C ("0073", "a1") };

static const CsEdiElement unb[] = {
  COMPOSITE ("S001", TRUE, s001),
  COMPOSITE ("S002", TRUE, s002),
  COMPOSITE ("S003", TRUE, s003),
  COMPOSITE ("S004", TRUE, s004),
  SIMPLE ("0020", TRUE, "an..14"),
  COMPOSITE ("S005", FALSE, s005),
  SIMPLE ("0026", FALSE, "an..14"),
  SIMPLE ("0029", FALSE, "a1"),
  SIMPLE ("0031", FALSE, "n1"),
  SIMPLE ("0032", FALSE, "an..35"),
  SIMPLE ("0035", FALSE, "n1"),
};
static const CsEdiElement unh[] = {
  SIMPLE ("0062", TRUE, "an..14"),
  COMPOSITE ("S009", TRUE, s009),
  SIMPLE ("0068", FALSE, "an..35"),
  COMPOSITE ("S010", FALSE, s010),
};
static const CsEdiElement unt[] = {
  SIMPLE ("0074", TRUE, "n..6"),
  SIMPLE ("0062", TRUE, "an..14"),
};
static const CsEdiElement unz[] = {
  SIMPLE ("0036", TRUE, "n..6"),
  SIMPLE ("0020", TRUE, "an..14"),
};

static const CsEdiSegmentDef service_segments[] = {
  SEG ("UNB", "Interchange header", unb),
  SEG ("UNH", "Message header", unh),
  SEG ("UNT", "Message trailer", unt),
  SEG ("UNZ", "Interchange trailer", unz),
};

/* ------------------------------------------------------------------ composites, D.96B */

static const CsEdiComponent c002[] = {
  C ("1001", "an..3"), C ("1131", "an..3"), C ("3055", "an..3"), C ("1000", "an..35")
};
static const CsEdiComponent c106[] = { C ("1004", "an..35"), C ("1056", "an..9"), C ("1060", "an..6") };
static const CsEdiComponent c040[] = {
  C ("3127", "an..17"), C ("1131", "an..3"), C ("3055", "an..3"), C ("3128", "an..35")
};
static const CsEdiComponent c056[] = { C ("3413", "an..17"), C ("3412", "an..35") };
static const CsEdiComponent c058[] = {
  M ("3124", "an..35"), C ("3124", "an..35"), C ("3124", "an..35"), C ("3124", "an..35"),
  C ("3124", "an..35")
};
static const CsEdiComponent c059[] = {
  M ("3042", "an..35"), C ("3042", "an..35"), C ("3042", "an..35"), C ("3042", "an..35")
};
static const CsEdiComponent c076[] = { M ("3148", "an..512"), M ("3155", "an..3") };
static const CsEdiComponent c080[] = {
  M ("3036", "an..35"), C ("3036", "an..35"), C ("3036", "an..35"), C ("3036", "an..35"),
  C ("3036", "an..35"), C ("3045", "an..3")
};
static const CsEdiComponent c082[] = { M ("3039", "an..35"), C ("1131", "an..3"), C ("3055", "an..3") };
static const CsEdiComponent c107[] = { M ("4441", "an..17"), C ("1131", "an..3"), C ("3055", "an..3") };
static const CsEdiComponent c108[] = {
  M ("4440", "an..70"), C ("4440", "an..70"), C ("4440", "an..70"), C ("4440", "an..70"),
  C ("4440", "an..70")
};
static const CsEdiComponent c174[] = {
  M ("6411", "an..3"), C ("6314", "an..18"), C ("6162", "n..18"), C ("6152", "n..18"), C ("6432", "n..2")
};
static const CsEdiComponent c205[] = { M ("8351", "an..7"), C ("8078", "an..7"), C ("8092", "an..10") };
static const CsEdiComponent c210[] = {
  M ("7102", "an..35"), C ("7102", "an..35"), C ("7102", "an..35"), C ("7102", "an..35"),
  C ("7102", "an..35"), C ("7102", "an..35"), C ("7102", "an..35"), C ("7102", "an..35"),
  C ("7102", "an..35"), C ("7102", "an..35")
};
static const CsEdiComponent c213[] = {
  C ("7224", "n..8"), C ("7065", "an..17"), C ("1131", "an..3"), C ("3055", "an..3"), C ("7064", "an..35")
};
static const CsEdiComponent c215[] = {
  M ("9303", "an..3"), C ("1131", "an..3"), C ("3055", "an..3"), C ("9302", "an..35")
};
static const CsEdiComponent c220[] = { C ("8067", "an..3"), C ("8066", "an..17") };
static const CsEdiComponent c222[] = {
  C ("8213", "an..9"), C ("1131", "an..3"), C ("3055", "an..3"), C ("8212", "an..35"), C ("8453", "an..3")
};
static const CsEdiComponent c223[] = { C ("7106", "n3"), C ("6411", "an..3") };
static const CsEdiComponent c224[] = {
  C ("8155", "an..10"), C ("1131", "an..3"), C ("3055", "an..3"), C ("8154", "an..35")
};
static const CsEdiComponent c228[] = { C ("8179", "an..8"), C ("8178", "an..17") };
static const CsEdiComponent c234[] = { C ("7124", "n4"), C ("7088", "an..8") };
static const CsEdiComponent c235[] = { C ("8158", "an..4"), C ("8186", "an4") };
static const CsEdiComponent c236[] = { C ("8246", "an..4"), C ("8246", "an..4"), C ("8246", "an..4") };
static const CsEdiComponent c237[] = {
  C ("8260", "an..17"), C ("1131", "an..3"), C ("3055", "an..3"), C ("3207", "an..3")
};
static const CsEdiComponent c239[] = { C ("6246", "n3"), C ("6411", "an..3") };
static const CsEdiComponent c270[] = { M ("6069", "an..3"), M ("6066", "n..18"), C ("6411", "an..3") };
static const CsEdiComponent c280[] = { M ("6411", "an..3"), C ("6162", "n..18"), C ("6152", "n..18") };
static const CsEdiComponent c401[] = { M ("8457", "an..3"), M ("8459", "an..3"), C ("7130", "an..17") };
static const CsEdiComponent c502[] = {
  C ("6313", "an..3"), C ("6321", "an..3"), C ("6155", "an..17"), C ("6154", "an..70")
};
static const CsEdiComponent c503[] = {
  C ("1004", "an..35"), C ("1373", "an..3"), C ("1366", "an..35"), C ("3453", "an..3")
};
static const CsEdiComponent c506[] = {
  M ("1153", "an..3"), C ("1154", "an..35"), C ("1156", "an..6"), C ("4000", "an..35")
};
static const CsEdiComponent c507[] = { M ("2005", "an..3"), C ("2380", "an..35"), C ("2379", "an..3") };
static const CsEdiComponent c517[] = {
  C ("3225", "an..25"), C ("1131", "an..3"), C ("3055", "an..3"), C ("3224", "an..70")
};
static const CsEdiComponent c519[] = {
  C ("3223", "an..25"), C ("1131", "an..3"), C ("3055", "an..3"), C ("3222", "an..70")
};
static const CsEdiComponent c553[] = {
  C ("3233", "an..25"), C ("1131", "an..3"), C ("3055", "an..3"), C ("3232", "an..70")
};
static const CsEdiComponent c827[] = { M ("7511", "an..3"), C ("1131", "an..3"), C ("3055", "an..3") };

/* ------------------------------------------------------------------ segments, D.96B */

static const CsEdiElement bgm[] = {
  COMPOSITE ("C002", FALSE, c002),
  COMPOSITE ("C106", FALSE, c106),
  SIMPLE ("1225", FALSE, "an..3"),
  SIMPLE ("4343", FALSE, "an..3"),
};
static const CsEdiElement cni[] = {
  SIMPLE ("1490", FALSE, "n..4"),
  COMPOSITE ("C503", FALSE, c503),
  SIMPLE ("1312", FALSE, "n..4"),
};
static const CsEdiElement cnt[] = { COMPOSITE ("C270", TRUE, c270) };
static const CsEdiElement com[] = { COMPOSITE ("C076", TRUE, c076) };
static const CsEdiElement cta[] = {
  SIMPLE ("3139", FALSE, "an..3"),
  COMPOSITE ("C056", FALSE, c056),
};
static const CsEdiElement dgs[] = {
  SIMPLE ("8273", FALSE, "an..3"),
  COMPOSITE ("C205", FALSE, c205),
  COMPOSITE ("C234", FALSE, c234),
  COMPOSITE ("C223", FALSE, c223),
  SIMPLE ("8339", FALSE, "an..3"),
  SIMPLE ("8364", FALSE, "an..6"),
  SIMPLE ("8410", FALSE, "an..4"),
  SIMPLE ("8126", FALSE, "an..10"),
  COMPOSITE ("C235", FALSE, c235),
  COMPOSITE ("C236", FALSE, c236),
  SIMPLE ("8255", FALSE, "an..3"),
  SIMPLE ("8325", FALSE, "an..3"),
  SIMPLE ("8211", FALSE, "an..3"),
};
static const CsEdiElement dtm[] = { COMPOSITE ("C507", TRUE, c507) };
static const CsEdiElement eqd[] = {
  SIMPLE ("8053", TRUE, "an..3"),
  COMPOSITE ("C237", FALSE, c237),
  COMPOSITE ("C224", FALSE, c224),
  SIMPLE ("8077", FALSE, "an..3"),
  SIMPLE ("8249", FALSE, "an..3"),
  SIMPLE ("8169", FALSE, "an..3"),
};
static const CsEdiElement ftx[] = {
  SIMPLE ("4451", TRUE, "an..3"),
  SIMPLE ("4453", FALSE, "an..3"),
  COMPOSITE ("C107", FALSE, c107),
  COMPOSITE ("C108", FALSE, c108),
  SIMPLE ("3453", FALSE, "an..3"),
};
static const CsEdiElement gid[] = {
  SIMPLE ("1496", FALSE, "n..5"),
  COMPOSITE ("C213", FALSE, c213),
  COMPOSITE ("C213", FALSE, c213),
  COMPOSITE ("C213", FALSE, c213),
};
static const CsEdiElement loc[] = {
  SIMPLE ("3227", TRUE, "an..3"),
  COMPOSITE ("C517", FALSE, c517),
  COMPOSITE ("C519", FALSE, c519),
  COMPOSITE ("C553", FALSE, c553),
  SIMPLE ("5479", FALSE, "an..3"),
};
static const CsEdiElement mea[] = {
  SIMPLE ("6311", TRUE, "an..3"),
  COMPOSITE ("C502", FALSE, c502),
  COMPOSITE ("C174", FALSE, c174),
  SIMPLE ("7383", FALSE, "an..3"),
};
static const CsEdiElement nad[] = {
  SIMPLE ("3035", TRUE, "an..3"),
  COMPOSITE ("C082", FALSE, c082),
  COMPOSITE ("C058", FALSE, c058),
  COMPOSITE ("C080", FALSE, c080),
  COMPOSITE ("C059", FALSE, c059),
  SIMPLE ("3164", FALSE, "an..35"),
  SIMPLE ("3229", FALSE, "an..9"),
  SIMPLE ("3251", FALSE, "an..9"),
  SIMPLE ("3207", FALSE, "an..3"),
};
static const CsEdiElement pci[] = {
  SIMPLE ("4233", FALSE, "an..3"),
  COMPOSITE ("C210", FALSE, c210),
  SIMPLE ("8275", FALSE, "an..3"),
  COMPOSITE ("C827", FALSE, c827),
};
static const CsEdiElement rff[] = { COMPOSITE ("C506", TRUE, c506) };
static const CsEdiElement rng[] = {
  SIMPLE ("6167", TRUE, "an..3"),
  COMPOSITE ("C280", FALSE, c280),
};
static const CsEdiElement sel[] = {
  SIMPLE ("9308", TRUE, "an..10"),
  COMPOSITE ("C215", FALSE, c215),
  SIMPLE ("4517", FALSE, "an..3"),
};
static const CsEdiElement sgp[] = {
  COMPOSITE ("C237", TRUE, c237),
  SIMPLE ("7224", FALSE, "n..8"),
};
static const CsEdiElement tdt[] = {
  SIMPLE ("8051", TRUE, "an..3"),
  SIMPLE ("8028", FALSE, "an..17"),
  COMPOSITE ("C220", FALSE, c220),
  COMPOSITE ("C228", FALSE, c228),
  COMPOSITE ("C040", FALSE, c040),
  SIMPLE ("8101", FALSE, "an..3"),
  COMPOSITE ("C401", FALSE, c401),
  COMPOSITE ("C222", FALSE, c222),
  SIMPLE ("8281", FALSE, "an..3"),
};
static const CsEdiElement tmp[] = {
  SIMPLE ("6245", TRUE, "an..3"),
  COMPOSITE ("C239", FALSE, c239),
};

static const CsEdiSegmentDef d96b_segments[] = {
  SEG ("BGM", "Beginning of message", bgm),
  SEG ("CNI", "Consignment information", cni),
  SEG ("CNT", "Control total", cnt),
  SEG ("COM", "Communication contact", com),
  SEG ("CTA", "Contact information", cta),
  SEG ("DGS", "Dangerous goods", dgs),
  SEG ("DTM", "Date/time/period", dtm),
  SEG ("EQD", "Equipment details", eqd),
  SEG ("FTX", "Free text", ftx),
  SEG ("GID", "Goods item details", gid),
  SEG ("LOC", "Place/location identification", loc),
  SEG ("MEA", "Measurements", mea),
  SEG ("NAD", "Name and address", nad),
  SEG ("PCI", "Package identification", pci),
  SEG ("RFF", "Reference", rff),
  SEG ("RNG", "Range details", rng),
  SEG ("SEL", "Seal number", sel),
  SEG ("SGP", "Split goods placement", sgp),
  SEG ("TDT", "Details of transport", tdt),
  SEG ("TMP", "Temperature", tmp),
};

static const CsEdiDirectory directories[] = {
  { "D96B", "D.96B", "D", "96B", d96b_segments, G_N_ELEMENTS (d96b_segments) },
};

const CsEdiDirectory *
cs_edi_directory_find (const char *id)
{
  char compact[16];
  guint n = 0;

  if (id == NULL)
    return NULL;
  for (const char *p = id; *p != '\0' && n + 1 < sizeof compact; p++)
    if (*p != '.')
      compact[n++] = g_ascii_toupper (*p);
  compact[n] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (directories); i++)
    if (strcmp (directories[i].id, compact) == 0)
      return &directories[i];
  return NULL;
}

const char *
cs_edi_directory_list (void)
{
  return "D96B";
}

static const CsEdiSegmentDef *
find_in (const CsEdiSegmentDef *segs,
         guint                  n,
         const char            *tag)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (segs[i].tag, tag) == 0)
      return &segs[i];
  return NULL;
}

const CsEdiSegmentDef *
cs_edi_directory_segment (const CsEdiDirectory *dir,
                          const char           *tag)
{
  const CsEdiSegmentDef *def;

  g_return_val_if_fail (dir != NULL && tag != NULL, NULL);

  def = find_in (dir->segments, dir->n_segments, tag);
  if (def == NULL)
    def = find_in (service_segments, G_N_ELEMENTS (service_segments), tag);
  return def;
}
