#include "CEspeakNGNoAudio.h"

#include <stddef.h>

struct audio_object *create_audio_device_object(const char *device, const char *application_name, const char *description) {
    (void)device;
    (void)application_name;
    (void)description;
    return NULL;
}

int soothe_espeak_audio_disabled(void) {
    return create_audio_device_object(NULL, NULL, NULL) == NULL;
}
