/**
 * EBP API: experiments over many runs. A {@link org.ebp.api.experiments.Recipe} is what makes a
 * run (the session's setup as the commands that make it); a {@link org.ebp.api.experiments.RecipeRunner}
 * runs one in a fresh session of its own; {@link org.ebp.api.experiments.AblationVariant}s switch
 * one trick of the paper off (a plugin adds one by registering a service); and
 * {@link org.ebp.api.experiments.Studies} runs ablations and sweeps in parallel and tabulates them.
 * Semantically versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.ebp.api.experiments;
