// Package zipstream writes ZIP archives in memory that does not grow with
// the number of entries.
//
// archive/zip keeps a header in memory for every entry until Close writes
// the central directory; a bulk run of a million notices holds hundreds of
// megabytes that way. A zipstream Writer keeps the central directory
// records in a small buffer and spills them to a temporary file, then
// copies them to the archive on Close. ZIP64 records are written when the
// archive needs them (more than 65,534 entries, or offsets past 4 GiB), so
// the archives open with archive/zip, unzip and the usual desktop tools.
//
// Entries are either stored whole (Store, for data already compressed such
// as PDF files) or deflated while streaming (Create, with a data
// descriptor). An entry is limited to 4 GiB.
package zipstream
