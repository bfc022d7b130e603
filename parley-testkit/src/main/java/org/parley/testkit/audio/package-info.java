/**
 * Audio for tests with real softphones: tones to play and a check of what was heard, so that a test
 * can say "B heard A's 440 Hz tone" with no sound card and no sox at test time.
 *
 * <ul>
 *   <li>{@link org.parley.testkit.audio.Pcm}: mono 16-bit samples at a rate; tones, silence, level.</li>
 *   <li>{@link org.parley.testkit.audio.Wav}: WAV files written through {@code javax.sound.sampled} and
 *       read by a small RIFF reader that accepts a recorder's unfinished header.</li>
 *   <li>{@link org.parley.testkit.audio.Frequencies}: Goertzel power of one frequency, and the dominant
 *       frequency of the loudest part of a recording.</li>
 * </ul>
 *
 * <pre>{@code
 * Wav.writeTone(dir.resolve("a.wav"), 440, Duration.ofSeconds(10));   // 8 kHz mono, what A plays
 * Pcm heard = Wav.read(recording);                                    // what B recorded
 * assertThat(Frequencies.dominant(heard)).isCloseTo(440, within(10.0));
 * }</pre>
 *
 * <p>G.711 (RFC 3551 §4.5.14) keeps a tone's frequency: companding adds noise, not other tones.
 *
 * <p>Thread model: {@code Pcm} is immutable; {@code Wav} and {@code Frequencies} are stateless.
 *
 * <p>Dependencies: the JDK only ({@code javax.sound.sampled} from module {@code java.desktop}).
 */
package org.parley.testkit.audio;
