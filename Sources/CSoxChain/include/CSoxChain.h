// A libsox effects chain run over samples in memory: what Swift cannot easily give libsox are
// effect handlers (tables of C callbacks whose private state libsox copies per flow). Only
// SootheSpeech's SpeechChain calls this; it serialises the calls.
#ifndef CSOXCHAIN_H
#define CSOXCHAIN_H
#include <stddef.h>

/// Runs `input` (`count` mono samples in -1...1 at `rate` Hz) through the effects named in
/// `arguments`: `effect_count` effects, effect i having `argument_counts[i]` strings, its name
/// first, all laid out one after another in `arguments`. On success returns 0 and sets
/// `*output` (allocated with malloc; the caller frees it with soothe_sox_free) and
/// `*output_count`. On failure returns a libsox status (non-zero) and writes what failed,
/// zero-terminated, into `message` (`message_size` bytes).
int soothe_sox_run(const float *input, size_t count, double rate,
                   const char *const *arguments, const int *argument_counts, int effect_count,
                   float **output, size_t *output_count, char *message, size_t message_size);

/// libsox's version, e.g. "14.4.2".
const char *soothe_sox_version(void);

/// Frees what soothe_sox_run returned.
void soothe_sox_free(float *samples);

#endif
