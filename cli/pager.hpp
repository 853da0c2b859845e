// The pager for output on a terminal, as git has it: CASECTL_PAGER, else PAGER, else
// "less -FRX" (less quits at once when the output fits the screen, keeps colour, and leaves the
// text on the screen). Only when stdout is a terminal; --no-pager, an empty value or "cat" turn it
// off, and a pager that is not installed is skipped (the output goes to the terminal).
#pragma once

#include <sys/types.h>

namespace casectl::cli {

// Starts the pager and points stdout at it; returns its process id, or -1 when there is none
// (not a terminal, turned off, not installed, or it could not start).
pid_t start_pager();

// Flushes and closes stdout, so that the pager sees the end, and waits for it to exit.
void finish_pager(pid_t pager);

// The width of the terminal on stdout in columns (COLUMNS when the terminal does not say); 0
// when stdout is not a terminal.
unsigned terminal_width();

} // namespace casectl::cli
