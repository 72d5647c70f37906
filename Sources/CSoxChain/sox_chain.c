#include "CSoxChain.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sox.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_status = SOX_SUCCESS;

static void init_sox(void) {
    init_status = sox_init();
    // libsox reports through its own stderr handler unless told to be quiet.
    sox_get_globals()->verbosity = 0;
}

/// The samples the chain reads: a pointer into the caller's buffer (copied per flow by libsox).
typedef struct {
    const float *data;
    size_t count;
    size_t position;
} source_state;

/// Where the chain's output goes: a growing buffer owned by soothe_sox_run.
typedef struct {
    float *data;
    size_t count;
    size_t capacity;
    int failed;
} sink_buffer;

typedef struct {
    sink_buffer *buffer;
} sink_state;

static int source_drain(sox_effect_t *effect, sox_sample_t *out, size_t *out_count) {
    source_state *state = (source_state *)effect->priv;
    size_t n = state->count - state->position;
    if (n > *out_count) n = *out_count;
    SOX_SAMPLE_LOCALS;
    for (size_t i = 0; i < n; i++) {
        double value = state->data[state->position + i];
        out[i] = SOX_FLOAT_32BIT_TO_SAMPLE(value, effect->clips);
    }
    state->position += n;
    *out_count = n;
    return n > 0 ? SOX_SUCCESS : SOX_EOF;
}

static int sink_flow(sox_effect_t *effect, const sox_sample_t *in, sox_sample_t *out,
                     size_t *in_count, size_t *out_count) {
    (void)out;
    sink_buffer *buffer = ((sink_state *)effect->priv)->buffer;
    size_t n = *in_count;
    if (buffer->count + n > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < buffer->count + n) capacity *= 2;
        float *grown = realloc(buffer->data, capacity * sizeof(float));
        if (!grown) {
            buffer->failed = 1;
            return SOX_EOF;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    SOX_SAMPLE_LOCALS;
    for (size_t i = 0; i < n; i++) {
        buffer->data[buffer->count + i] = (float)SOX_SAMPLE_TO_FLOAT_32BIT(in[i], effect->clips);
    }
    buffer->count += n;
    *out_count = 0;
    return SOX_SUCCESS;
}

static sox_effect_handler_t const *source_handler(void) {
    static sox_effect_handler_t handler = {
        "soothe-input", NULL, SOX_EFF_MCHAN, NULL, NULL, NULL, source_drain, NULL, NULL,
        sizeof(source_state)};
    return &handler;
}

static sox_effect_handler_t const *sink_handler(void) {
    static sox_effect_handler_t handler = {
        "soothe-output", NULL, SOX_EFF_MCHAN, NULL, NULL, sink_flow, NULL, NULL, NULL,
        sizeof(sink_state)};
    return &handler;
}

static int fail(char *message, size_t size, int status, const char *what) {
    if (message && size) snprintf(message, size, "%s", what);
    return status == SOX_SUCCESS ? SOX_EOF : status;
}

int soothe_sox_run(const float *input, size_t count, double rate,
                   const char *const *arguments, const int *argument_counts, int effect_count,
                   float **output, size_t *output_count, char *message, size_t message_size) {
    *output = NULL;
    *output_count = 0;
    pthread_once(&once, init_sox);
    if (init_status != SOX_SUCCESS) return fail(message, message_size, init_status, "libsox could not be initialised");

    sox_signalinfo_t signal = {rate, 1, 32, 0, NULL};
    sox_encodinginfo_t encoding = {SOX_ENCODING_FLOAT, 32, 0, sox_option_default, sox_option_default,
                                   sox_option_default, sox_false};
    sox_effects_chain_t *chain = sox_create_effects_chain(&encoding, &encoding);
    if (!chain) return fail(message, message_size, SOX_ENOMEM, "libsox could not make an effects chain");

    sink_buffer buffer = {NULL, 0, 0, 0};
    sox_signalinfo_t current = signal;
    int status = SOX_SUCCESS;

    sox_effect_t *source = sox_create_effect(source_handler());
    source_state *source_priv = (source_state *)source->priv;
    source_priv->data = input;
    source_priv->count = count;
    source_priv->position = 0;
    status = sox_add_effect(chain, source, &current, &signal);
    free(source);

    const char *const *argument = arguments;
    for (int i = 0; status == SOX_SUCCESS && i < effect_count; i++) {
        const sox_effect_handler_t *handler = sox_find_effect(argument[0]);
        if (!handler) {
            snprintf(message, message_size, "libsox has no effect '%s'", argument[0]);
            status = SOX_EOF;
            break;
        }
        sox_effect_t *effect = sox_create_effect(handler);
        if (sox_effect_options(effect, argument_counts[i] - 1, (char *const *)(argument + 1)) != SOX_SUCCESS) {
            snprintf(message, message_size, "libsox rejected the options of '%s'", argument[0]);
            free(effect);
            status = SOX_EOF;
            break;
        }
        status = sox_add_effect(chain, effect, &current, &signal);
        if (status != SOX_SUCCESS) snprintf(message, message_size, "libsox could not add '%s'", argument[0]);
        free(effect);
        argument += argument_counts[i];
    }

    if (status == SOX_SUCCESS) {
        sox_effect_t *sink = sox_create_effect(sink_handler());
        ((sink_state *)sink->priv)->buffer = &buffer;
        status = sox_add_effect(chain, sink, &current, &signal);
        free(sink);
        if (status != SOX_SUCCESS) snprintf(message, message_size, "libsox could not add the output");
    }
    if (status == SOX_SUCCESS && current.channels != 1) {
        snprintf(message, message_size, "the chain made %u channels, not one", current.channels);
        status = SOX_EOF;
    }
    if (status == SOX_SUCCESS) {
        int flowed = sox_flow_effects(chain, NULL, NULL);
        if (buffer.failed) {
            status = SOX_ENOMEM;
            snprintf(message, message_size, "out of memory for the chain's output");
        } else if (flowed != SOX_SUCCESS && flowed != SOX_EOF) {
            status = flowed;
            snprintf(message, message_size, "libsox stopped while processing (%d)", flowed);
        }
    }
    sox_delete_effects_chain(chain);
    if (status != SOX_SUCCESS) {
        free(buffer.data);
        return status;
    }
    *output = buffer.data;
    *output_count = buffer.count;
    return SOX_SUCCESS;
}

void soothe_sox_free(float *samples) { free(samples); }

const char *soothe_sox_version(void) { return sox_version(); }
