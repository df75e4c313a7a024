/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-checkdigit.h: check digits of ISO 6346 container numbers, VINs, Chinese USCIs and IMO ship
 * numbers
 *
 * Pure functions, no allocation. Algorithms: ISO 6346 (container numbers), ISO 3779 with the
 * check digit of GB 16735 and 49 CFR 565 (VINs), GB 32100-2015 (USCI).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ISO 6346: owner code (3 letters) + category (U, J or Z) + 6-digit serial + check digit. */

/* The check digit (0..9) of the first 10 characters of @first10 (upper case letters in the first
 * four places, digits after; further characters are ignored), or -1 if malformed. */
int         cs_iso6346_check_digit   (const char *first10);
/* TRUE when @number is exactly 11 characters, well formed, with the right check digit. */
gboolean    cs_iso6346_valid         (const char *number);
/* TRUE when @number has the ISO 6346 shape: 3 letters, U/J/Z, 7 digits (the check digit is not
 * checked). */
gboolean    cs_iso6346_well_formed   (const char *number);

/* VIN: 17 characters, digits and A-Z without I, O, Q; position 9 is the check digit. */

/* The check character that belongs at position 9 ('0'..'9' or 'X'), or -1 if @vin is not well
 * formed (its own position 9 may hold anything allowed). */
int         cs_vin_check_char        (const char *vin);
/* 17 characters from 0-9 and A-Z without I, O, Q. */
gboolean    cs_vin_well_formed       (const char *vin);
/* TRUE when well formed and position 9 holds the computed check character. */
gboolean    cs_vin_valid             (const char *vin);
/* TRUE when the WMI makes the check digit mandatory (China: L; North America: 1-5). */
gboolean    cs_vin_check_required    (const char *vin);
/* The model year encoded at position 10, the one of the 30-year cycle nearest @near_year,
 * or -1 if @vin is too short or position 10 is not a year code (I O Q U Z 0). */
int         cs_vin_model_year        (const char *vin,
                                      int         near_year);

/* USCI (GB 32100-2015), the 18-character unified social credit identifier of Chinese parties. */

/* The check character for the first 17 characters, or 0 if malformed (a character outside the
 * 31-symbol alphabet, or fewer than 17 characters). */
char        cs_usci_check_char       (const char *first17);
/* TRUE when @usci is exactly 18 characters with the right check character. */
gboolean    cs_usci_valid            (const char *usci);

/* UN/LOCODE (UN/ECE Recommendation 16): ISO 3166 alpha-2 country + 3 capitals or digits 2-9. */

/* TRUE when @code has that shape (whether the place exists is the catalog's to say). */
gboolean    cs_locode_well_formed    (const char *code);

/* IMO ship identification number (IMO Resolution A.1078(28)): 7 digits, the last one the check
 * digit: the first six digits weighted 7, 6, 5, 4, 3, 2, summed, modulo 10. */

/* The check digit (0..9) of the first six characters of @first6, or -1 if they are not digits. */
int         cs_imo_check_digit       (const char *first6);
/* TRUE when @imo is exactly 7 digits with the right check digit. */
gboolean    cs_imo_valid             (const char *imo);

G_END_DECLS
