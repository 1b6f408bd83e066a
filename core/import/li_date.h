/*
 * li_date.h - the dates of a LinkedIn export, in every format it uses, to
 * the network format's YYYY-MM-DD (or YYYY-MM, YYYY).
 */
#ifndef ADV_IMPORT_LI_DATE_H
#define ADV_IMPORT_LI_DATE_H

/*
 * Accepted (spaces around the text ignored; a time of day, and "UTC", are
 * read past and dropped: the date is kept as written, not moved between
 * time zones):
 *   09 Sep 2022, 9 September 2022     Connections.csv
 *   3/14/25, 9:05 AM   04/15/24, 09:25 PM   1/8/18, 6:14 PM
 *                                     Invitations, Recommendations, 2018
 *                                     (month first; two-digit years are
 *                                     20YY: LinkedIn began in 2003)
 *   2024-05-01 10:02:33 UTC, 2024-05-01, 2024-05-01T10:02:33Z
 *                                     messages.csv, re-saved files
 *   2024/12/07 14:51:07 UTC           Endorsement_Received_Info.csv
 *   Aug 2022 -> 2022-08, 2017 -> 2017 Positions.csv, Education.csv
 *   9/9/2022 (M/D/YYYY)               a file re-saved in a spreadsheet
 * Returns 0 and the date in out, or -1 if s is none of these or names a
 * day that does not exist.
 */
int adv_li_date(char out[11], const char *s);

#endif
