package org.anju.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionRecord;
import org.anju.agent.command.ChargingAnswer;
import org.anju.agent.command.ChargingCommand;
import org.anju.agent.door.DoorRuntime;
import org.anju.agent.event.EventLog;
import org.anju.agent.event.EventTypes;
import org.anju.agent.safety.ChargingSafety;
import org.anju.agent.safety.SafetyDecision;
import org.anju.agent.store.ChargingAlarms;
import org.anju.agent.store.ChargingSessions;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.RulesMemoryFile;
import org.anju.agent.store.StateWrite;
import org.anju.bridge.contract.CommandCompletion;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Site;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * Puts the charging safety rules to work: every scan of a pile becomes readings for
 * {@link ChargingSafety}, and its decisions go out in the order it gives them, commands on the
 * wire first (relay writes at command priority, then a read-back of every port cut or switched
 * on, heartbeats, door releases), then events into the outbox. The rules run on one thread of
 * their own, so a bus thread only hands a snapshot over.
 *
 * <p>People's commands (start, stop, cut) are answered with what the devices say: a stop or a cut
 * is "done" once its ports read back off, else "pending" with what each port waits for, and the
 * outcome follows as a {@code command.completed} event; a start is "done" once the port reads on.
 */
final class ChargingWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChargingWiring.class.getName());
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);
    /** A stop or cut not settled by then is answered "pending", whatever the bus is still doing. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final Site site;
    private final SiteBuses buses;
    private final Map<String, DoorRuntime> doors;
    private final EventLog events;
    private final PortTelemetry telemetry;
    private final ChargingSessions sessions;
    /** What the rules have seen lately, kept on disk so a restart does not forget it. */
    private final RulesMemoryFile memory;
    private final ChargingSafety safety;
    private final PortAccess ports;
    /** The site's piles and socket boards with their decoders. */
    private final ChargingPorts layout;
    /** Scans into readings; touched on the rules' thread only. */
    private final ScanReadings scans;
    /** Stops and cuts not settled yet, by request id; touched on the rules' thread only. */
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final ScheduledExecutorService thread = rulesThread();
    /** The rules must not see the clock jump. */
    private final SteadyTime time;

    /** A stop or cut waiting for its ports; {@code replied} once its answer went out. */
    private static final class Waiting {
        final CompletableFuture<ChargingAnswer> answer;
        boolean replied;

        Waiting(CompletableFuture<ChargingAnswer> answer) {
            this.answer = answer;
        }

        void reply(ChargingAnswer a) {
            replied = true;
            answer.complete(a);
        }
    }

    /** What carrying out one batch of decisions set going: relay writes by port, read-backs by pile, the events' commit. */
    private record Applied(Map<String, CompletableFuture<String>> written, Map<String, CompletableFuture<ReadBackSeen>> read,
                           CompletableFuture<Void> committed) {
        CompletableFuture<Void> all() {
            List<CompletableFuture<?>> all = new ArrayList<>(written.values());
            all.addAll(read.values());
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }
    }

    /** A read-back after the rules saw its readings: the readings by port ({@code pile-1/3}), or why there are none. */
    private record ReadBackSeen(Map<String, PortReading> readings, String problem) {
    }

    ChargingWiring(Site site, SiteBuses buses, Map<String, DoorRuntime> doors, EventLog events, SteadyTime time,
                   Clock clock, ChargingSessions sessions, ChargingAlarms alarms, RulesMemoryFile memory) {
        this.sessions = sessions;
        this.memory = memory;
        this.site = site;
        this.buses = buses;
        this.doors = doors;
        this.events = events;
        this.telemetry = new PortTelemetry(events);
        this.time = time;
        this.layout = ChargingPorts.of(site);
        this.scans = new ScanReadings(layout);
        this.safety = new ChargingSafety(layout.areas(), layout.sites());
        PortAccess piles = new PileRegisterAccess(layout, buses, this::now, clock);
        PortAccess sockets = new SocketAccess(layout, buses, this::now, clock);
        Map<String, PortAccess> byPile = new HashMap<>();
        layout.piles().keySet().forEach(id -> byPile.put(id, piles));
        layout.boards().keySet().forEach(id -> byPile.put(id, sockets));
        this.ports = PortAccess.routed(byPile);
        // sessions that were open when the gateway stopped carry on from their meters
        List<SessionRecord> open = sessions.open().join();
        // and alarms still open keep their effect: an area cut for fire with manual restore stays cut
        List<org.anju.agent.safety.Alarm> openAlarms = alarms.open().join();
        // and the full-charge timers and the detectors' recent readings carry on (or re-arm if stale)
        RulesMemoryFile.Loaded remembered = memory.load();
        if (remembered.problem() != null) {
            LOG.log(System.Logger.Level.WARNING, remembered.problem());
        }
        thread.execute(() -> apply(safety.restore(open, openAlarms, remembered.memory().orElse(null), now())));
        thread.scheduleAtFixedRate(() -> apply(safety.tick(now())), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleAtFixedRate(this::save, SAVE_EVERY.toMillis(), SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the rules' thread: the sessions' metering and the rules' memory to disk, each on its own writer. */
    private CompletableFuture<Void> save() {
        CompletableFuture<String> saved = memory.save(safety.memory(now()));
        saved.thenAccept(problem -> {
            if (problem != null) {
                LOG.log(System.Logger.Level.WARNING, problem);
            }
        });
        return CompletableFuture.allOf(sessions.saveProgress(safety.openSessions()), saved);
    }

    /** The rules' one thread; a stop's pending-answer timer does not hold up a shutdown. */
    private static ScheduledExecutorService rulesThread() {
        java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "charging-safety");
            thread.setDaemon(true);
            return thread;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return t;
    }

    Instant now() {
        return time.now();
    }

    /** From a bus thread: hand the scan of a pile, a socket board or a socket's meter over to the rules' thread. */
    void onSnapshot(RegisterSnapshot snapshot) {
        if (layout.reads(snapshot.device())) {
            Instant at = now();
            onRulesThread(() -> readings(snapshot, at));
        }
    }

    /**
     * Hands work to the rules' thread; false once it has stopped. A bus's last scan or a fire
     * input can race the gateway's stop: there is nothing left to decide then, and a rejected
     * hand-over logged as the bus's failure would say something went wrong when nothing did.
     */
    private boolean onRulesThread(Runnable work) {
        try {
            thread.execute(work);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return false;
        }
    }

    /** A smoke or fire-panel input of an area changed. */
    void onFireInput(String area, String input, boolean active) {
        Instant at = now();
        onRulesThread(() -> apply(safety.onFireInput(new FireInput(area, input, at, active))));
    }

    private void readings(RegisterSnapshot s, Instant at) {
        ScanReadings.Scan scan = scans.of(s.device(), s, at);
        scan.notices().forEach(n -> events.record(Priority.STATE, EventTypes.of("charging", n), n));
        scan.pile().ifPresent(r -> apply(safety.onPileReading(r)));
        for (PortReading r : scan.ports()) {
            portReading(r, scans.temperature(r.pileId()));
        }
    }

    /** One port's reading to the rules, then, after them, to the park's telemetry. */
    private void portReading(PortReading r, double temperature) {
        Instant sessionStart = safety.openSessions().stream().filter(s -> s.pileId().equals(r.pileId()) && s.port() == r.port())
                .map(SessionRecord::startedAt).findFirst().orElse(null);
        apply(safety.onPortReading(r));
        telemetry.offer(r, sessionStart, temperature, safety.pile(r.pileId()).port(r.port()).hold().orElse(null));
    }

    /** Commands first, in order; then events. Runs on the rules' thread. */
    private Applied apply(List<SafetyDecision> decisions) {
        Map<String, CompletableFuture<String>> written = new LinkedHashMap<>();
        Map<String, Set<Integer>> readBack = new LinkedHashMap<>();
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.Command) {
                execute(d, written, readBack);
            }
        }
        Map<String, CompletableFuture<ReadBackSeen>> read = new LinkedHashMap<>();
        readBack.forEach((pile, which) -> read.put(pile, readBack(pile, which)));
        List<CompletableFuture<?>> stored = new ArrayList<>();
        List<SafetyDecision.CutCompleted> answered = new ArrayList<>();
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.CutCompleted c && c.requestId() != null) {
                answered.add(c);
            } else if (!(d instanceof SafetyDecision.Command)) {
                stored.add(events.record(priority(d), EventTypes.of("charging", d), d, recordOf(d))
                        .toCompletionStage().toCompletableFuture());
            }
        }
        // a stop is answered once the session's end it caused is on disk, so the answer never runs ahead of the record
        CompletableFuture<Void> committed = CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new))
                .handle((ok, failed) -> null);
        answered.forEach(c -> committed.thenRunAsync(() -> completed(c), thread));
        return new Applied(written, read, committed);
    }

    /** Reads ports back and hands what it read to the rules; completes on the rules' thread once they have seen it. */
    private CompletableFuture<ReadBackSeen> readBack(String pile, Set<Integer> which) {
        return ports.readBack(pile, which).thenApplyAsync(result -> {
            if (result instanceof PortAccess.ReadBack.Read r) {
                Map<String, PortReading> seen = new LinkedHashMap<>();
                for (PortReading reading : r.readings()) {
                    if (layout.board(pile).isPresent()) {
                        scans.coil(pile, reading.port(), reading.relayClosed());
                    }
                    portReading(reading, scans.temperature(pile));
                    seen.put(reading.source(), reading);
                }
                return new ReadBackSeen(seen, null);
            }
            return new ReadBackSeen(Map.of(), ((PortAccess.ReadBack.NotRead) result).reason());
        }, thread);
    }

    /** What of the gateway's own records the decision changes, committed with its event. */
    private static StateWrite recordOf(SafetyDecision d) {
        if (d instanceof SafetyDecision.SessionStarted started) {
            return ChargingSessions.recording(started.session());
        } else if (d instanceof SafetyDecision.SessionEnded ended) {
            return ChargingSessions.recording(ended.session());
        } else if (d instanceof SafetyDecision.RaiseAlarm raised) {
            return ChargingAlarms.recording(raised.alarm());
        } else if (d instanceof SafetyDecision.AlarmAcknowledged acknowledged) {
            return ChargingAlarms.recording(acknowledged.alarm());
        } else if (d instanceof SafetyDecision.ClearAlarm cleared) {
            return ChargingAlarms.recording(cleared.alarm());
        }
        return StateWrite.NONE;
    }

    private void execute(SafetyDecision d, Map<String, CompletableFuture<String>> written, Map<String, Set<Integer>> readBack) {
        if (d instanceof SafetyDecision.CutPort cut) {
            written.put(PortReading.source(cut.pileId(), cut.port()), ports.switchRelay(cut.pileId(), cut.port(), false));
        } else if (d instanceof SafetyDecision.ClosePort close) {
            written.put(PortReading.source(close.pileId(), close.port()), ports.switchRelay(close.pileId(), close.port(), true));
            readBack.computeIfAbsent(close.pileId(), p -> new LinkedHashSet<>()).add(close.port());
        } else if (d instanceof SafetyDecision.VerifyCut verify) {
            readBack.computeIfAbsent(verify.pileId(), p -> new LinkedHashSet<>()).add(verify.port());
        } else if (d instanceof SafetyDecision.CutArea area) {
            for (String pile : area.piles()) {
                for (int port : layout.ports(pile)) {
                    written.put(PortReading.source(pile, port), ports.switchRelay(pile, port, false));
                }
            }
        } else if (d instanceof SafetyDecision.ReleaseDoors release) {
            release.doors().stream().map(doors::get).filter(java.util.Objects::nonNull)
                    .forEach(door -> door.fireAlarm(true));
        } else if (d instanceof SafetyDecision.WriteHeartbeat hb) {
            // a socket board has no watchdog to feed: only a pile maps a heartbeat register
            write(hb.pileId(), layout.pile(hb.pileId()).map(p -> p.profile().pileRegisters().get("heartbeat")), hb.value());
        } else if (d instanceof SafetyDecision.EscalateFeederCut feeder) {
            cutFeeder(feeder.pileId());
        }
    }

    /** A port relay would not open: switch off the relay-board channel that feeds the whole pile (or socket board). */
    private void cutFeeder(String pileId) {
        Optional<ChargingArea.Feeder> feeder = site.chargingAreas().stream().flatMap(a -> a.feederOf(pileId).stream())
                .findFirst();
        Optional<Device> board = feeder.flatMap(f -> site.device(f.relay()));
        var client = board.map(b -> buses.modbusDevices().get(b.id())).orElse(null);
        if (feeder.isEmpty() || client == null || !(board.get().profile() instanceof RelayBoardProfile relays)) {
            return; // validated away: a feeder names a relay board of this site
        }
        client.client().command(board.get().address(),
                new ModbusPdu.WriteSingleCoil(relays.relayOf(feeder.get().channel()).address(), false));
    }

    private void write(String pileId, Optional<RegisterSpec> register, int value) {
        var client = buses.modbusDevices().get(pileId);
        if (register.isEmpty() || client == null) {
            return;
        }
        client.client().command(site.device(pileId).orElseThrow().address(),
                new ModbusPdu.WriteSingleRegister(register.get().address(), value & 0xFFFF));
    }

    private static Priority priority(SafetyDecision d) {
        if (d instanceof SafetyDecision.RaiseAlarm || d instanceof SafetyDecision.AlarmAcknowledged
                || d instanceof SafetyDecision.ClearAlarm) {
            return Priority.ALARM;
        }
        if (d instanceof SafetyDecision.StartRefused || d instanceof SafetyDecision.StopRefused
                || d instanceof SafetyDecision.RestoreRefused) {
            return Priority.ACCESS;
        }
        return Priority.STATE;
    }

    /** A person starts, stops or cuts a charge, or acknowledges an alarm; the answer says what the devices showed. */
    CompletableFuture<ChargingAnswer> request(ChargingCommand command) {
        CompletableFuture<ChargingAnswer> answer = new CompletableFuture<>();
        boolean taken = onRulesThread(() -> {
            try {
                decide(command, answer);
            } catch (IllegalArgumentException e) { // no such pile, port or area
                answer.complete(ChargingAnswer.of(ChargingAnswer.Result.FAILED, e.getMessage()));
            }
        });
        if (!taken) {
            answer.complete(ChargingAnswer.of(ChargingAnswer.Result.FAILED,
                    "the gateway is stopping; nothing was done, try again once it is back"));
        }
        return answer;
    }

    private void decide(ChargingCommand command, CompletableFuture<ChargingAnswer> answer) {
        Instant at = now();
        if (command instanceof ChargingCommand.Acknowledge ack) {
            List<SafetyDecision> d = safety.acknowledge(ack.alarm(), ack.who(), at);
            apply(d);
            answer.complete(d.isEmpty() ? ChargingAnswer.of(ChargingAnswer.Result.REFUSED, "no open alarm "
                    + ack.alarm() + " to acknowledge (cleared, acknowledged already, or unknown)")
                    : ChargingAnswer.of(ChargingAnswer.Result.DONE, null));
            return;
        }
        if (command instanceof ChargingCommand.AreaRestore restore) {
            List<SafetyDecision> d = safety.requestAreaRestore(restore.area(), restore.who(), at);
            apply(d);
            answer.complete(first(d, SafetyDecision.RestoreRefused.class)
                    .map(r -> ChargingAnswer.of(ChargingAnswer.Result.REFUSED, r.reason()))
                    .orElseGet(() -> ChargingAnswer.of(ChargingAnswer.Result.DONE,
                            CutAnswers.restored(first(d, SafetyDecision.AreaRestored.class).orElseThrow()))));
            return;
        }
        if (command instanceof ChargingCommand.Start start) {
            List<SafetyDecision> d = safety.requestStart(start.pile(), start.port(), start.who(), at, start.limits());
            Applied applied = apply(d);
            Optional<SafetyDecision.StartRefused> refused = first(d, SafetyDecision.StartRefused.class);
            if (refused.isPresent()) {
                answer.complete(ChargingAnswer.of(ChargingAnswer.Result.REFUSED, refused.get().reason()));
                return;
            }
            String source = PortReading.source(start.pile(), start.port());
            String limits = limitsWords(start);
            applied.all().thenRunAsync(() -> {
                ReadBackSeen seen = applied.read().get(start.pile()).join();
                ChargingAnswer a = CutAnswers.started(source, applied.written().get(source).join(),
                        seen.readings().get(source), seen.problem());
                answer.complete(limits.isEmpty() || a.result() == ChargingAnswer.Result.FAILED ? a
                        : ChargingAnswer.of(a.result(), a.reason() + "; " + limits));
            }, thread);
            return;
        }
        if (waiting.containsKey(command.id())) {
            answer.complete(ChargingAnswer.of(ChargingAnswer.Result.FAILED, "a command with id " + command.id()
                    + " is under way; give each command its own id"));
            return;
        }
        List<SafetyDecision> d;
        if (command instanceof ChargingCommand.Stop s) {
            d = safety.requestStop(s.id(), s.pile(), s.port(), s.tenant(), s.who(), at);
        } else if (command instanceof ChargingCommand.PortCut c) {
            d = safety.requestPortCut(c.id(), c.pile(), c.port(), c.who(), at);
        } else {
            ChargingCommand.AreaCut c = (ChargingCommand.AreaCut) command;
            d = safety.requestAreaCut(c.id(), c.area(), c.who(), at);
        }
        Optional<SafetyDecision.StopRefused> refused = first(d, SafetyDecision.StopRefused.class);
        if (refused.isPresent()) {
            apply(d);
            answer.complete(ChargingAnswer.of(ChargingAnswer.Result.DENIED, refused.get().reason()));
            return;
        }
        Waiting w = new Waiting(answer);
        waiting.put(command.id(), w);
        Applied applied = apply(d);
        List<SafetyDecision.VerifyCut> verified = CutAnswers.verified(d);
        Runnable pending = () -> answerPending(command.id(), w, verified, applied);
        applied.all().thenRunAsync(pending, thread);
        thread.schedule(pending, ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the limits a tenant chose come to at this port: "stops at 1500 Wh or after 360 min (the site's longest; 600 asked)". */
    private String limitsWords(ChargingCommand.Start start) {
        java.time.Duration siteMax = safety.pile(start.pile()).site().limits().maxSession();
        org.anju.agent.charging.SessionLimits enforced = start.limits().within(siteMax);
        return enforced.equals(start.limits()) ? enforced.words() : enforced.words() + " (the site's longest charge; "
                + start.limits().maxMinutes() + " min asked)";
    }

    /** The writes and read-backs are done (or took too long) and the ports are not all settled: say what they wait for. */
    private void answerPending(String id, Waiting w, List<SafetyDecision.VerifyCut> verified, Applied applied) {
        Set<String> open = safety.unsettled(id);
        if (w.replied || waiting.get(id) != w || open.isEmpty()) {
            return; // answered, or settled with its answer on the way once the events it caused are on disk
        }
        Map<String, String> written = new HashMap<>();
        applied.written().forEach((port, f) -> written.put(port, f.getNow("the bus has not taken it yet")));
        Map<String, PortReading> read = new HashMap<>();
        Map<String, String> problems = new HashMap<>();
        applied.read().forEach((pile, f) -> {
            ReadBackSeen seen = f.getNow(new ReadBackSeen(Map.of(), "the bus has not read it yet"));
            read.putAll(seen.readings());
            if (seen.problem() != null) {
                problems.put(pile, seen.problem());
            }
        });
        Instant until = verified.stream().map(SafetyDecision.VerifyCut::deadline).max(Instant::compareTo).orElse(now());
        w.reply(CutAnswers.pending(open, written, read, problems, until));
    }

    /** A stop or cut is settled: its answer, if none went out yet; else the event that completes its "pending". */
    private void completed(SafetyDecision.CutCompleted c) {
        Waiting w = waiting.remove(c.requestId());
        if (w != null && !w.replied) {
            w.reply(CutAnswers.answer(c));
            return;
        }
        events.record(Priority.STATE, CommandCompletion.TYPE, CutAnswers.completion(c));
    }

    private static <T> Optional<T> first(List<SafetyDecision> decisions, Class<T> type) {
        return decisions.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (thread.awaitTermination(5, TimeUnit.SECONDS)) {
                save().join(); // the rules' thread is done: safe to read them here
                memory.close();
                waiting.values().forEach(w -> w.answer.complete(ChargingAnswer.of(ChargingAnswer.Result.PENDING,
                        "the gateway is stopping before the ports read back off")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
