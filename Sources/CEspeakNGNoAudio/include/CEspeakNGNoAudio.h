// soothe never plays sound: libespeak-ng 1.51 creates a libpcaudio device (PulseAudio, then ALSA,
// then OSS) in every espeak_ng_InitializeOutput, whatever the output mode, and a sound server
// that accepts and never answers stalls it for 30 s. This target defines that library's
// constructor itself (see no_audio_device.c); an executable linking it binds libespeak-ng's call
// to this definition rather than to libpcaudio's. Later espeak-ng versions create no device in
// synchronous mode, and never call it.
#ifndef CESPEAKNG_NO_AUDIO_H
#define CESPEAKNG_NO_AUDIO_H

struct audio_object;

/// libpcaudio's constructor, replaced: no device, ever.
struct audio_object *create_audio_device_object(const char *device, const char *application_name, const char *description);

/// 1: a reference for the linker, so the definition is never dropped as unused.
int soothe_espeak_audio_disabled(void);

#endif
