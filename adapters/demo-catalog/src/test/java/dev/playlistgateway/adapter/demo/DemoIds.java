package dev.playlistgateway.adapter.demo;

import dev.playlistgateway.domain.model.AlbumId;
import dev.playlistgateway.domain.model.ArtistId;
import dev.playlistgateway.domain.model.PlaylistId;
import dev.playlistgateway.domain.model.TrackId;
import dev.playlistgateway.domain.model.UserId;

/** Ids in the bundled catalogue that the tests (and the README) rely on. */
final class DemoIds {
    static final UserId DEMO_LISTENER = UserId.of("demo-listener");
    static final UserId MARTA = UserId.of("marta.kowalczyk");
    static final UserId JONAS = UserId.of("jonasberg");

    static final PlaylistId MORNING_COMMUTE = PlaylistId.of("0KKEdM2RHwTmbaXzdVnI0B");
    static final PlaylistId DEEP_FOCUS = PlaylistId.of("wYog1zmWxOnf8NVxsMQ7Ru");
    static final PlaylistId EVERYTHING_2024 = PlaylistId.of("xZHueUT5881pdetA7Jgz1x");
    static final PlaylistId LATE_NIGHT_DRIVE = PlaylistId.of("NxNRg9fDj7Q1vKevIywwxB");
    static final PlaylistId NEW_FINDS = PlaylistId.of("GD40jTnLyAjr6HOVzJYa14");
    static final PlaylistId ROAD_TRIP = PlaylistId.of("xRNCHcWAqDaqcEJwPvygFr");
    static final PlaylistId WEDDING_SHORTLIST = PlaylistId.of("rxH5gvYRMB7QsfWXiSFswN");
    static final PlaylistId KITCHEN_DISCO = PlaylistId.of("ORJy9yDmCIIeWw1vKFUUY8");
    static final PlaylistId MARTAS_SUMMER_MIX = PlaylistId.of("pdEi3PM3BMpzUxBe8YSyBX");
    static final PlaylistId DEAR_DIARY = PlaylistId.of("THM8T7ZdEbEclDUgBG0xNc");
    static final PlaylistId WORK_IN_PROGRESS = PlaylistId.of("vHZqA1GmObwCHblgJCRcjB");

    /** Not in {@link #EVERYTHING_2024}. */
    static final TrackId KEROSENE = TrackId.of("SP6bJZ3eydTn1TQ1Hat2fo");
    static final TrackId HAPPY_ACCIDENTS = TrackId.of("TQMO1kVzxLPjmC3FVPPisB");
    static final TrackId ROSEWATER = TrackId.of("BsAv65KxqLEkQjh9zJAaUv");
    /** In {@link #EVERYTHING_2024} twice. */
    static final TrackId SAVED_TWICE = TrackId.of("KhTbC8TjJ905okXBtPXtwE");

    static final ArtistId MARLOWE_VANCE = ArtistId.of("Fb6AlmYfgQdoexEIVT6wru");
    /** Has three genres. */
    static final ArtistId NIGHTJAR_CLUB = ArtistId.of("Vwny5nUWCpOp8BWZtk4FbM");

    static final AlbumId SALT_ON_THE_WINDOWSILL = AlbumId.of("1S7CnEFat1JFW4k1BnxNha");
    static final AlbumId NEON_CARTOGRAPHY = AlbumId.of("OutdD5AvWrkvuIwbUYFsyL");

    private DemoIds() {
    }
}
