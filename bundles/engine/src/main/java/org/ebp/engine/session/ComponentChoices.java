package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.engine.training.Choice;
import org.ebp.engine.training.ComponentStates;

/**
 * The optimizer, schedule, sampler and compute service a session uses; choosing one replaces its
 * state in the training loop's {@link ComponentStates}. Unset choices fall back to the defaults on
 * first use. Not thread-safe: the session and the training loop use it only under the session's lock.
 */
final class ComponentChoices {

    static final String DEFAULT_OPTIMIZER = "sgd";
    static final String DEFAULT_SCHEDULE = "constant";
    static final String DEFAULT_SAMPLER = "shuffle";

    /** A copy of the current optimizer state adopted by a newly chosen optimizer, and the note saying what carried over. */
    record Adoption(State state, String notes) {
    }

    private final ComponentCatalog catalog;

    /** The states of the chosen components, owned by the training loop. */
    private final ComponentStates states;

    Choice<Optimizer> optimizer;
    Choice<Schedule> schedule;
    Choice<Sampler> sampler;
    /** Pinned compute name, or null for the highest-ranking one. */
    String computeName;
    ComputeService compute;

    ComponentChoices(ComponentCatalog catalog, ComponentStates states) {
        this.catalog = catalog;
        this.states = states;
    }

    /**
     * Chooses an optimizer; with a network, checks its requirements and lets it adopt a copy of
     * the current state. Lock held by the caller.
     *
     * @param runBatch        the batch of the running train call (when {@code training})
     * @param runTrainingSize the training-set size of the running train call (when {@code training})
     * @param trainingSize    the training-set size for the note, as text
     */
    String useOptimizer(String name, Map<String, String> raw, SessionModel model, boolean training, int runBatch,
            int runTrainingSize, Supplier<String> trainingSize) {
        Session.requireName(name, "an optimizer, e.g. sgd");
        Optimizer service = catalog.get(ComponentKind.OPTIMIZER, name, Optimizer.class);
        Settings validated = service.settings(raw);
        Choice<Optimizer> next = new Choice<>(service.name(), validated, service);
        String notes = "";
        State nextState = states.optimizer();
        if (model.network != null) {
            Requirements requirements = service.requirements(model.network.layout(), validated);
            OptimizerRequirements.check(next, requirements, model.network, model.outputLoss, model.setup.loss());
            if (training && requirements.fullBatch() && runBatch < runTrainingSize) {
                throw new IllegalArgumentException("optimizer '" + next.name() + "' needs the whole training set in every "
                        + "step but this run trains with batch=" + runBatch + "; choose it after this run and train with "
                        + "batch=" + runTrainingSize + OptimizerRequirements.alternative(requirements));
            }
            if (training) {
                OptimizerRequirements.checkBatch(next, requirements, Math.min(runBatch, runTrainingSize),
                        "this run trains with batch=" + runBatch);
            }
            if (requirements.fullBatch() && !training) {
                notes = " (it takes the whole training set per step: train uses batch=" + trainingSize.get()
                        + " unless told otherwise)";
            }
            if (states.optimizer() != null) {
                Adoption adoption = adoptState(next, model.network.layout());
                nextState = adoption.state();
                notes = adoption.notes() + notes;
            } else {
                notes = "; its state is created when training starts" + notes;
            }
        } else {
            notes = "; its state is created with the network";
        }
        optimizer = next;
        states.setOptimizer(nextState);
        return "optimizer " + next.describe() + notes;
    }

    String useSchedule(String name, Map<String, String> raw, boolean training) {
        Session.requireName(name, "a schedule, e.g. constant");
        Schedule service = catalog.get(ComponentKind.SCHEDULE, name, Schedule.class);
        Settings validated = service.settings(raw);
        State state = service.init(validated);
        schedule = new Choice<>(service.name(), validated, service);
        states.setSchedule(state);
        String note = "";
        if (optimizer != null && !optimizer.settings().has("lr")) {
            note = "; note: optimizer '" + optimizer.name() + "' has no lr setting, so the schedule has no effect";
        }
        return "schedule " + schedule.describe() + (training ? " from the next step" : "") + note;
    }

    String useSampler(String name, Map<String, String> raw, boolean training) {
        Session.requireName(name, "a sampler, e.g. shuffle");
        Sampler service = catalog.get(ComponentKind.SAMPLER, name, Sampler.class);
        Settings validated = service.settings(raw);
        sampler = new Choice<>(service.name(), validated, service);
        states.forgetSampler();
        return "sampler " + sampler.describe() + (training ? " from the next epoch" : "");
    }

    String useCompute(String name, Map<String, String> raw, boolean training) {
        boolean automatic = name == null || name.isBlank() || name.trim().equalsIgnoreCase(Session.AUTO)
                || name.trim().equalsIgnoreCase("default");
        ComputeService service = catalog.get(ComponentKind.COMPUTE, automatic ? null : name, ComputeService.class);
        service.settings(raw);
        computeName = automatic ? null : service.name();
        compute = service;
        return "compute " + service.name() + (automatic ? " (highest ranking)" : "") + ": " + service.library()
                + (training ? " from the next step" : "");
    }

    Choice<Optimizer> currentOptimizer() {
        if (optimizer == null) {
            Optimizer service = catalog.get(ComponentKind.OPTIMIZER, DEFAULT_OPTIMIZER, Optimizer.class);
            optimizer = new Choice<>(service.name(), service.defaults(), service);
        }
        return optimizer;
    }

    Choice<Schedule> currentSchedule() {
        if (schedule == null) {
            Schedule service = catalog.get(ComponentKind.SCHEDULE, DEFAULT_SCHEDULE, Schedule.class);
            schedule = new Choice<>(service.name(), service.defaults(), service);
        }
        return schedule;
    }

    Choice<Sampler> currentSampler() {
        if (sampler == null) {
            Sampler service = catalog.get(ComponentKind.SAMPLER, DEFAULT_SAMPLER, Sampler.class);
            sampler = new Choice<>(service.name(), service.defaults(), service);
        }
        return sampler;
    }

    ComputeService resolveCompute() {
        compute = catalog.get(ComponentKind.COMPUTE, computeName, ComputeService.class);
        return compute;
    }

    /**
     * Resolves the optimizer, schedule, sampler and compute service by name again (an updated
     * bundle registers a new service object), re-validating settings with the new service and
     * letting a new optimizer object adopt the state.
     *
     * @return notes for the listener
     */
    List<String> refresh(ParameterLayout layout) {
        List<String> notes = new ArrayList<>();
        Choice<Optimizer> opt = currentOptimizer();
        Optimizer optService = catalog.get(ComponentKind.OPTIMIZER, opt.name(), Optimizer.class);
        if (optService != opt.service()) {
            Settings s = SettingsChangedException.revalidate(ComponentKind.OPTIMIZER, opt.name(), optService, opt.settings());
            if (states.optimizer() != null) {
                State adopted = states.optimizer().copy();
                List<String> reset = optService.adopt(adopted, layout, s);
                states.setOptimizer(adopted);
                if (!reset.isEmpty()) {
                    notes.add("optimizer '" + opt.name() + "' was replaced by a new version; re-initialised: "
                            + String.join(", ", reset));
                }
            }
            optimizer = opt.with(optService, s);
        }
        Choice<Schedule> sch = currentSchedule();
        Schedule schService = catalog.get(ComponentKind.SCHEDULE, sch.name(), Schedule.class);
        if (schService != sch.service()) {
            schedule = sch.with(schService, SettingsChangedException.revalidate(ComponentKind.SCHEDULE, sch.name(), schService,
                    sch.settings()));
        }
        Choice<Sampler> smp = currentSampler();
        Sampler smpService = catalog.get(ComponentKind.SAMPLER, smp.name(), Sampler.class);
        if (smpService != smp.service()) {
            sampler = smp.with(smpService, SettingsChangedException.revalidate(ComponentKind.SAMPLER, smp.name(), smpService,
                    smp.settings()));
        }
        resolveCompute();
        return notes;
    }

    /**
     * Lets {@code next} adopt a copy of the current optimizer state (which must exist) and
     * says which parts carried over and which were re-initialised. Changes nothing here.
     */
    Adoption adoptState(Choice<Optimizer> next, ParameterLayout layout) {
        State adopted = states.optimizer().copy();
        List<String> reset = next.service().adopt(adopted, layout, next.settings());
        State fresh = next.service().init(layout, next.settings());
        List<String> carried = new ArrayList<>();
        for (String n : stateNames(fresh)) {
            if (!reset.contains(n)) {
                carried.add(n);
            }
        }
        StringBuilder b = new StringBuilder();
        if (!carried.isEmpty()) {
            b.append("; ").append(next.name()).append(" state ").append(quoted(carried)).append(" carried over");
        }
        if (!reset.isEmpty()) {
            b.append("; re-initialised: ").append(String.join(", ", reset));
        }
        b.append(StateGroupNotes.describe(next.name(), next.service().stateGroups(), states.optimizer(), carried));
        if (carried.isEmpty() && reset.isEmpty()) {
            b.append("; it keeps no state");
        }
        return new Adoption(adopted, b.toString());
    }

    /** The choices for the status: name and settings, or the default that will be used. */
    Map<String, String> describe() {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("optimizer", optimizer == null ? DEFAULT_OPTIMIZER + " (defaults)" : optimizer.describe());
        components.put("schedule", schedule == null ? DEFAULT_SCHEDULE + " (defaults)" : schedule.describe());
        components.put("sampler", sampler == null ? DEFAULT_SAMPLER + " (defaults)" : sampler.describe());
        components.put("compute", computeName != null ? computeName
                : compute == null ? "highest ranking" : compute.name() + " (highest ranking)");
        return components;
    }

    private static List<String> stateNames(State s) {
        List<String> names = new ArrayList<>(s.arrayNames());
        names.addAll(s.scalarNames());
        return names;
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("'" + n + "'");
        }
        return String.join(", ", q);
    }
}
