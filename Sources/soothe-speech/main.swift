// soothe's speech server: started by soothe (and by the test runners) with posix_spawn, one
// thread from its first instruction; see SpeechServerProcess. Not meant to be run by hand.
import SootheSpeech

SpeechServerProcess.run()
