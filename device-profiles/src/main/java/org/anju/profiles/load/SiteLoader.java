package org.anju.profiles.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.profiles.Problems;
import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.Bus;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.Endpoints;
import org.anju.profiles.model.Floor;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.GatewaySettings;
import org.anju.profiles.model.Lift;
import org.anju.profiles.model.OccupancySettings;
import org.anju.profiles.model.ParkLink;
import org.anju.profiles.model.Site;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.Broken;
import org.anju.profiles.validate.SiteDraft;
import org.anju.profiles.validate.SiteRules;
import org.anju.profiles.Location;
import org.anju.profiles.yaml.MapNode;
import org.anju.profiles.yaml.Node;
import org.anju.profiles.yaml.ScalarNode;
import org.anju.profiles.yaml.YamlDocument;
import org.anju.profiles.yaml.YamlReader;

/**
 * Loads a site file and the profiles it uses, and checks them the way the agent needs them to be
 * before it drives anything: the CLI's {@code profiles validate} and the agent's start-up run this
 * same code, so they report the same problems with the same words.
 */
public final class SiteLoader {
    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl");

    private SiteLoader() {
    }

    /** Loads the site file at {@code file}; relative paths in it are resolved against its folder. */
    public static LoadResult load(Path file) {
        Source.Read read = Source.of(file);
        if (read instanceof Source.Unreadable unreadable) {
            return new LoadResult.Invalid(List.of(unreadable.problem()));
        }
        return load(((Source.Loaded) read).source());
    }

    public static LoadResult load(Source source) {
        YamlDocument doc = YamlReader.read(source.name(), source.text());
        Problems problems = new Problems();
        problems.addAll(doc.problems());
        if (doc.root().isEmpty()) {
            if (doc.problems().isEmpty()) {
                problems.add(new Location(source.name(), 1, 1), "the file is empty", "a site file starts with gateway and park");
            }
            return new LoadResult.Invalid(problems.sorted());
        }
        Node root = doc.root().get();
        ProfileCatalog.Load catalog = catalogFor(root, source, problems);
        problems.addAll(catalog.problems());
        Origins origins = new Origins();
        Optional<Site> site = SectionReader.root(SiteSections.SITE, root, problems, origins)
                .flatMap(r -> bind(r, catalog, source.directory()))
                .map(s -> new Site(s.gateway(), s.park(), s.buses(), s.doors(), s.alarmInputs(), s.chargingAreas(),
                        s.endpoints(), s.floors(), s.lifts(), s.gates(), s.occupancy(), Site.configVersionOf(source.text())));
        if (problems.isEmpty() && site.isPresent()) {
            return new LoadResult.Loaded(site.get(), catalog.catalog());
        }
        return new LoadResult.Invalid(problems.sorted());
    }

    /** The shipped profiles, plus the site's own folder when it names one. */
    private static ProfileCatalog.Load catalogFor(Node root, Source source, Problems problems) {
        if (!(root instanceof MapNode map) || !(map.get("profiles").orElse(null) instanceof ScalarNode folder) || folder.isNull()) {
            return ProfileCatalog.shipped();
        }
        if (source.directory().isEmpty()) {
            problems.add(folder.location(), "a shipped example cannot name a profiles folder", "remove profiles");
            return ProfileCatalog.shipped();
        }
        return ProfileCatalog.withFolder(source.directory().get().resolve(folder.text()).normalize());
    }

    private static Optional<Site> bind(SectionReader r, ProfileCatalog.Load catalog, Optional<Path> dir) {
        ProfileRefs refs = new ProfileRefs(catalog);
        Broken broken = Broken.none();
        Optional<GatewaySettings> gateway = r.child("gateway", SiteSections.GATEWAY, g -> gateway(g, dir));
        Optional<ParkLink> park = r.child("park", SiteSections.PARK, p -> park(p, gateway.map(GatewaySettings::id), dir));
        BusBinder busBinder = new BusBinder(refs, broken);
        List<Bus> buses = r.items("buses", SiteSections.BUS, busBinder::bus);
        AreaBinder areaBinder = new AreaBinder(broken);
        List<AlarmInput> alarms = r.items("alarmInputs", SiteSections.ALARM_INPUT, areaBinder::alarmInput);
        List<Door> doors = r.items("doors", SiteSections.DOOR, new DoorBinder(refs, broken)::door);
        List<ChargingArea> areas = r.items("chargingAreas", SiteSections.AREA, areaBinder::area);
        Optional<Endpoints> endpoints = r.has("endpoints") ? r.child("endpoints", SiteSections.ENDPOINTS, e -> endpoints(e, dir))
                : Optional.of(new Endpoints(new Endpoints.Endpoint("127.0.0.1", 8080), Optional.empty()));
        BuildingBinder building = new BuildingBinder(refs, broken);
        List<Floor> floors = r.items("floors", SiteSections.FLOOR, building::floor);
        List<Lift> lifts = r.items("lifts", SiteSections.LIFT, building::lift);
        List<Gate> gates = r.items("gates", SiteSections.GATE, building::gate);
        Optional<OccupancySettings> occupancy = r.has("occupancy")
                ? r.child("occupancy", SiteSections.OCCUPANCY, BuildingBinder::occupancy) : Optional.of(OccupancySettings.DEFAULT);
        SiteRules.check(new SiteDraft(buses, busBinder.devicesByBus(), doors, alarms, areas, endpoints, floors, lifts, gates),
                broken, r.origins(), r.problems());
        if (r.failed() || gateway.isEmpty() || park.isEmpty() || endpoints.isEmpty() || occupancy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Site(gateway.get(), park.get(), buses, doors, alarms, areas, endpoints.get(), floors, lifts, gates,
                occupancy.get()));
    }

    private static Optional<GatewaySettings> gateway(SectionReader g, Optional<Path> dir) {
        ZoneId zone = ZoneId.systemDefault();
        if (g.has("timeZone") && g.text("timeZone") != null) {
            try {
                zone = ZoneId.of(g.text("timeZone"));
            } catch (java.time.DateTimeException e) {
                g.reject("timeZone", "time zone '" + g.text("timeZone") + "' is not one this machine knows",
                        org.anju.profiles.schema.Spelling.closest(g.text("timeZone"), ZoneId.getAvailableZoneIds())
                                .map(z -> "did you mean '" + z + "'?").orElse("write a tz database name such as Asia/Shanghai"));
            }
        }
        if (g.failed()) {
            return Optional.empty();
        }
        return Optional.of(g.remember(new GatewaySettings(g.text("id"), g.optional("name", String.class).orElse(g.text("id")),
                g.choice("gpio", GatewaySettings.GpioProvider.class), resolve(g.text("dataDir"), dir), g.integer("diskBudget"), zone)));
    }

    private static Optional<ParkLink> park(SectionReader p, Optional<String> gatewayId, Optional<Path> dir) {
        Optional<URI> broker = p.text("broker") == null ? Optional.empty() : broker(p);
        if (p.has("passwordFile") && p.has("passwordEnv")) {
            p.reject("passwordEnv", "give passwordFile or passwordEnv, not both", "keep the one the gateway's installation provides");
        }
        if ((p.has("passwordFile") || p.has("passwordEnv")) && !p.has("username")) {
            p.reject(p.has("passwordFile") ? "passwordFile" : "passwordEnv", "a password needs a username",
                    "add username: the MQTT user this gateway logs in as");
        }
        if (!p.failed() && p.has("username") && !p.has("passwordFile") && !p.has("passwordEnv")) {
            p.reject("username", "a username needs a password", "add passwordFile or passwordEnv");
        }
        if (p.has("certFile") != p.has("keyFile")) {
            p.reject(p.has("certFile") ? "certFile" : "keyFile", "a client certificate needs both certFile and keyFile",
                    "give both, or neither");
        }
        if (p.has("certFile") && broker.isPresent() && !"ssl".equals(broker.get().getScheme())) {
            p.reject("certFile", "a client certificate is only sent over TLS", "use an ssl:// broker URL, or drop certFile and keyFile");
        }
        Set<String> keyIds = new HashSet<>();
        List<ParkLink.CommandKey> keys = p.items("commandKeys", SiteSections.COMMAND_KEY, k -> {
            if (k.failed()) {
                return Optional.empty();
            }
            if (!keyIds.add(k.text("id"))) {
                k.reject("id", "command key '" + k.text("id") + "' is listed twice", "give each key its own id");
                return Optional.empty();
            }
            return Optional.of(k.remember(new ParkLink.CommandKey(k.text("id"), resolve(k.text("file"), dir))));
        });
        if (p.failed() || broker.isEmpty()) {
            return Optional.empty();
        }
        Optional<ParkLink.Credential> password = p.optional("passwordFile", String.class)
                .<ParkLink.Credential>map(f -> new ParkLink.FromFile(resolve(f, dir)))
                .or(() -> p.optional("passwordEnv", String.class).map(ParkLink.FromEnvironment::new));
        String parkId = p.text("id");
        String clientId = p.optional("clientId", String.class)
                .orElse("anju-" + parkId + "-" + gatewayId.orElse(""));
        Optional<ParkLink.ClientCertificate> certificate = p.optional("certFile", String.class)
                .map(cert -> new ParkLink.ClientCertificate(resolve(cert, dir), resolve(p.text("keyFile"), dir)));
        return Optional.of(p.remember(new ParkLink(parkId, broker.get(), clientId, p.optional("username", String.class),
                password, p.optional("caFile", String.class).map(f -> resolve(f, dir)), certificate, keys,
                p.integer("drainRate"), p.optional("offlinePinKeyFile", String.class).map(f -> resolve(f, dir)),
                p.text("protocol"), p.duration("statusEvery"))));
    }

    private static Optional<URI> broker(SectionReader p) {
        String text = p.text("broker");
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null && BROKER_SCHEMES.contains(uri.getScheme()) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below, with what a right one looks like
        }
        p.reject("broker", "broker '" + text + "' is not a tcp:// or ssl:// URL with a host",
                "write e.g. ssl://mqtt.park.example:8883");
        return Optional.empty();
    }

    private static Path resolve(String file, Optional<Path> dir) {
        Path path = Path.of(file);
        return dir.filter(d -> !path.isAbsolute()).map(d -> d.resolve(path).normalize()).orElse(path);
    }

    private static Optional<Endpoints> endpoints(SectionReader e, Optional<Path> dir) {
        LocalApiSection local = e.child("localApi", SiteSections.LOCAL_API, a -> endpoint(a).map(end -> new LocalApiSection(end,
                        a.choice("metrics", Endpoints.MetricsAccess.class))))
                .orElse(new LocalApiSection(new Endpoints.Endpoint("127.0.0.1", 8080), Endpoints.MetricsAccess.TOKEN));
        Optional<CoapSection> coap = e.child("coap", SiteSections.COAP, c -> endpoint(c).map(end -> new CoapSection(end,
                c.optional("pskFile", String.class).map(f -> resolve(f, dir)))));
        return e.failed() ? Optional.empty() : Optional.of(e.remember(new Endpoints(local.endpoint(), local.metrics(), coap.map(CoapSection::endpoint),
                coap.flatMap(CoapSection::pskFile))));
    }

    private record LocalApiSection(Endpoints.Endpoint endpoint, Endpoints.MetricsAccess metrics) {
    }

    private record CoapSection(Endpoints.Endpoint endpoint, Optional<Path> pskFile) {
    }

    private static Optional<Endpoints.Endpoint> endpoint(SectionReader r) {
        return r.failed() ? Optional.empty() : Optional.of(r.remember(new Endpoints.Endpoint(r.text("bind"), r.integer("port"))));
    }
}
