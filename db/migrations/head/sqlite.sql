-- head: 0007 (the schema of the migrations up to it, stamped at it)
-- SQLite's sqlite_master after an upgrade; written by `python -m launchgraph.db.head_schema`, do not edit.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE data_version (
	id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE date_precision (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	abbrev VARCHAR, 
	description VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE event_type (
	id INTEGER NOT NULL, 
	name VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_event_type_name ON event_type (name);
CREATE TABLE launch_status (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	abbrev VARCHAR, 
	description VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE program_type (
	id INTEGER NOT NULL, 
	name VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE spacestation_status (
	id INTEGER NOT NULL, 
	name VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE mission_patch (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	priority INTEGER, 
	image_url VARCHAR, 
	agency_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id)
);
CREATE INDEX ix_mission_patch_agency_id ON mission_patch (agency_id);
CREATE TABLE event_agency (
	event_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(event_id) REFERENCES event (id)
);
CREATE INDEX ix_event_agency_agency_id ON event_agency (agency_id);
CREATE TABLE event_program (
	event_id INTEGER NOT NULL, 
	program_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, program_id), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_event_program_program_id ON event_program (program_id);
CREATE TABLE event_spacestation (
	event_id INTEGER NOT NULL, 
	spacestation_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, spacestation_id), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(spacestation_id) REFERENCES spacestation (id)
);
CREATE INDEX ix_event_spacestation_spacestation_id ON event_spacestation (spacestation_id);
CREATE TABLE event_update (
	id INTEGER NOT NULL, 
	event_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	profile_image VARCHAR, 
	comment VARCHAR, 
	info_url VARCHAR, 
	created_by VARCHAR, 
	created_on DATETIME, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(event_id) REFERENCES event (id)
);
CREATE INDEX ix_event_update_event_id ON event_update (event_id);
CREATE TABLE expedition (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR NOT NULL, 
	start DATETIME, 
	"end" DATETIME, 
	spacestation_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(spacestation_id) REFERENCES spacestation (id)
);
CREATE INDEX ix_expedition_name ON expedition (name);
CREATE INDEX ix_expedition_spacestation_id ON expedition (spacestation_id);
CREATE TABLE mission_agency (
	mission_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (mission_id, agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(mission_id) REFERENCES mission (id)
);
CREATE INDEX ix_mission_agency_agency_id ON mission_agency (agency_id);
CREATE TABLE program_agency (
	program_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (program_id, agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_program_agency_agency_id ON program_agency (agency_id);
CREATE TABLE program_mission_patch (
	program_id INTEGER NOT NULL, 
	mission_patch_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (program_id, mission_patch_id), 
	FOREIGN KEY(mission_patch_id) REFERENCES mission_patch (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_program_mission_patch_mission_patch_id ON program_mission_patch (mission_patch_id);
CREATE TABLE rocket (
	id INTEGER NOT NULL, 
	configuration_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(configuration_id) REFERENCES launcher_config (id)
);
CREATE INDEX ix_rocket_configuration_id ON rocket (configuration_id);
CREATE TABLE event_expedition (
	event_id INTEGER NOT NULL, 
	expedition_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, expedition_id), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(expedition_id) REFERENCES expedition (id)
);
CREATE INDEX ix_event_expedition_expedition_id ON event_expedition (expedition_id);
CREATE TABLE event_launch (
	event_id INTEGER NOT NULL, 
	launch_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, launch_id), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id)
);
CREATE INDEX ix_event_launch_launch_id ON event_launch (launch_id);
CREATE TABLE info_url (
	pk INTEGER NOT NULL, 
	event_id INTEGER, 
	launch_id VARCHAR, 
	mission_id INTEGER, 
	position INTEGER NOT NULL, 
	priority INTEGER, 
	source VARCHAR, 
	title VARCHAR, 
	description VARCHAR, 
	feature_image VARCHAR, 
	url VARCHAR, 
	type_id INTEGER, 
	type_name VARCHAR, 
	language_id INTEGER, 
	language_name VARCHAR, 
	language_code VARCHAR, 
	PRIMARY KEY (pk), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id), 
	FOREIGN KEY(mission_id) REFERENCES mission (id)
);
CREATE INDEX ix_info_url_event_id ON info_url (event_id);
CREATE INDEX ix_info_url_launch_id ON info_url (launch_id);
CREATE INDEX ix_info_url_mission_id ON info_url (mission_id);
CREATE TABLE launch_program (
	launch_id VARCHAR NOT NULL, 
	program_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (launch_id, program_id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_launch_program_program_id ON launch_program (program_id);
CREATE TABLE vid_url (
	pk INTEGER NOT NULL, 
	event_id INTEGER, 
	launch_id VARCHAR, 
	mission_id INTEGER, 
	position INTEGER NOT NULL, 
	priority INTEGER, 
	source VARCHAR, 
	publisher VARCHAR, 
	title VARCHAR, 
	description VARCHAR, 
	feature_image VARCHAR, 
	url VARCHAR, 
	type_id INTEGER, 
	type_name VARCHAR, 
	language_id INTEGER, 
	language_name VARCHAR, 
	language_code VARCHAR, 
	start_time DATETIME, 
	end_time DATETIME, 
	live BOOLEAN, 
	PRIMARY KEY (pk), 
	FOREIGN KEY(event_id) REFERENCES event (id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id), 
	FOREIGN KEY(mission_id) REFERENCES mission (id)
);
CREATE INDEX ix_vid_url_event_id ON vid_url (event_id);
CREATE INDEX ix_vid_url_launch_id ON vid_url (launch_id);
CREATE INDEX ix_vid_url_mission_id ON vid_url (mission_id);
CREATE UNIQUE INDEX uq_info_url_event_id_position ON info_url (event_id, position);
CREATE UNIQUE INDEX uq_info_url_launch_id_position ON info_url (launch_id, position);
CREATE UNIQUE INDEX uq_info_url_mission_id_position ON info_url (mission_id, position);
CREATE UNIQUE INDEX uq_vid_url_event_id_position ON vid_url (event_id, position);
CREATE UNIQUE INDEX uq_vid_url_launch_id_position ON vid_url (launch_id, position);
CREATE UNIQUE INDEX uq_vid_url_mission_id_position ON vid_url (mission_id, position);
CREATE TABLE sync_state (
	source VARCHAR NOT NULL, 
	last_updated DATETIME, 
	ties INTEGER NOT NULL, 
	page_at DATETIME, 
	finished_at DATETIME, 
	PRIMARY KEY (source)
);
CREATE TABLE country (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	alpha_2_code VARCHAR, 
	alpha_3_code VARCHAR, 
	nationality_name VARCHAR, 
	nationality_name_composed VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE image (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	image_url VARCHAR, 
	thumbnail_url VARCHAR, 
	credit VARCHAR, 
	single_use BOOLEAN, 
	license_id INTEGER, 
	license_name VARCHAR, 
	license_priority INTEGER, 
	license_link VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE image_variant (
	id INTEGER NOT NULL, 
	type_id INTEGER, 
	type_name VARCHAR, 
	image_url VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE launcher_family (
	attempted_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, 
	consecutive_successful_landings INTEGER, 
	total_launch_count INTEGER, 
	consecutive_successful_launches INTEGER, 
	successful_launches INTEGER, 
	failed_launches INTEGER, 
	pending_launches INTEGER, 
	id INTEGER NOT NULL, 
	name VARCHAR, 
	description VARCHAR, 
	active BOOLEAN, 
	maiden_flight VARCHAR, parent_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE spacewalk (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR, 
	start DATETIME, 
	"end" DATETIME, 
	duration VARCHAR, 
	location VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE celestial_body (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	type_id INTEGER, 
	type_name VARCHAR, 
	diameter FLOAT, 
	mass FLOAT, 
	gravity FLOAT, 
	length_of_day VARCHAR, 
	atmosphere BOOLEAN, 
	image_id INTEGER, 
	description VARCHAR, 
	wiki_url VARCHAR, 
	total_attempted_launches INTEGER, 
	successful_launches INTEGER, 
	failed_launches INTEGER, 
	total_attempted_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES image (id)
);
CREATE TABLE image_image_variant (
	image_id INTEGER NOT NULL, 
	image_variant_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (image_id, image_variant_id), 
	FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(image_variant_id) REFERENCES image_variant (id)
);
CREATE INDEX ix_image_image_variant_image_variant_id ON image_image_variant (image_variant_id);
CREATE TABLE agency_country (
	agency_id INTEGER NOT NULL, 
	country_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (agency_id, country_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(country_id) REFERENCES country (id)
);
CREATE INDEX ix_agency_country_country_id ON agency_country (country_id);
CREATE TABLE astronaut (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR, 
	status_id INTEGER, 
	status_name VARCHAR, 
	agency_id INTEGER, 
	image_id INTEGER, type_id INTEGER, type_name VARCHAR, date_of_birth DATE, date_of_death DATE, nationality VARCHAR, twitter VARCHAR, instagram VARCHAR, bio VARCHAR, profile_image VARCHAR, wiki VARCHAR, first_flight DATETIME, last_flight DATETIME, age INTEGER, in_space BOOLEAN, time_in_space VARCHAR, eva_time VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(image_id) REFERENCES image (id)
);
CREATE INDEX ix_astronaut_agency_id ON astronaut (agency_id);
CREATE INDEX ix_astronaut_name ON astronaut (name);
CREATE TABLE event_astronaut (
	event_id INTEGER NOT NULL, 
	astronaut_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (event_id, astronaut_id), 
	FOREIGN KEY(astronaut_id) REFERENCES astronaut (id), 
	FOREIGN KEY(event_id) REFERENCES event (id)
);
CREATE INDEX ix_event_astronaut_astronaut_id ON event_astronaut (astronaut_id);
CREATE TABLE expedition_mission_patch (
	expedition_id INTEGER NOT NULL, 
	mission_patch_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (expedition_id, mission_patch_id), 
	FOREIGN KEY(expedition_id) REFERENCES expedition (id), 
	FOREIGN KEY(mission_patch_id) REFERENCES mission_patch (id)
);
CREATE INDEX ix_expedition_mission_patch_mission_patch_id ON expedition_mission_patch (mission_patch_id);
CREATE TABLE expedition_spacewalk (
	expedition_id INTEGER NOT NULL, 
	spacewalk_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (expedition_id, spacewalk_id), 
	FOREIGN KEY(expedition_id) REFERENCES expedition (id), 
	FOREIGN KEY(spacewalk_id) REFERENCES spacewalk (id)
);
CREATE INDEX ix_expedition_spacewalk_spacewalk_id ON expedition_spacewalk (spacewalk_id);
CREATE TABLE launcher_config_launcher_family (
	launcher_config_id INTEGER NOT NULL, 
	launcher_family_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (launcher_config_id, launcher_family_id), 
	FOREIGN KEY(launcher_config_id) REFERENCES launcher_config (id), 
	FOREIGN KEY(launcher_family_id) REFERENCES launcher_family (id)
);
CREATE INDEX ix_launcher_config_launcher_family_launcher_family_id ON launcher_config_launcher_family (launcher_family_id);
CREATE TABLE launcher_config_program (
	launcher_config_id INTEGER NOT NULL, 
	program_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (launcher_config_id, program_id), 
	FOREIGN KEY(launcher_config_id) REFERENCES launcher_config (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_launcher_config_program_program_id ON launcher_config_program (program_id);
CREATE TABLE pad_agency (
	pad_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (pad_id, agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(pad_id) REFERENCES pad (id)
);
CREATE INDEX ix_pad_agency_agency_id ON pad_agency (agency_id);
CREATE TABLE launch_mission_patch (
	launch_id VARCHAR NOT NULL, 
	mission_patch_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (launch_id, mission_patch_id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id), 
	FOREIGN KEY(mission_patch_id) REFERENCES mission_patch (id)
);
CREATE INDEX ix_launch_mission_patch_mission_patch_id ON launch_mission_patch (mission_patch_id);
CREATE TABLE launch_timeline (
	pk INTEGER NOT NULL, 
	launch_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	type_id INTEGER, 
	type_abbrev VARCHAR, 
	type_description VARCHAR, 
	relative_time VARCHAR, 
	PRIMARY KEY (pk), 
	FOREIGN KEY(launch_id) REFERENCES launch (id)
);
CREATE INDEX ix_launch_timeline_launch_id ON launch_timeline (launch_id);
CREATE UNIQUE INDEX uq_launch_timeline_launch_id_position ON launch_timeline (launch_id, position);
CREATE TABLE launch_update (
	id INTEGER NOT NULL, 
	launch_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	profile_image VARCHAR, 
	comment VARCHAR, 
	info_url VARCHAR, 
	created_by VARCHAR, 
	created_on DATETIME, as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(launch_id) REFERENCES launch (id)
);
CREATE INDEX ix_launch_update_launch_id ON launch_update (launch_id);
CREATE TABLE "agency" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR NOT NULL, 
	featured BOOLEAN, 
	type VARCHAR, 
	country_code VARCHAR, 
	abbrev VARCHAR, 
	description VARCHAR, 
	administrator VARCHAR, 
	founding_year VARCHAR, 
	launchers VARCHAR, 
	spacecraft VARCHAR, 
	parent VARCHAR, 
	launch_library_url VARCHAR, 
	total_launch_count INTEGER, 
	consecutive_successful_launches INTEGER, 
	successful_launches INTEGER, 
	failed_launches INTEGER, 
	pending_launches INTEGER, 
	consecutive_successful_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, 
	attempted_landings INTEGER, 
	info_url VARCHAR, 
	wiki_url VARCHAR, 
	logo_url VARCHAR, 
	image_url VARCHAR, 
	nation_url VARCHAR, 
	type_id INTEGER, 
	successful_landings_spacecraft INTEGER, 
	failed_landings_spacecraft INTEGER, 
	attempted_landings_spacecraft INTEGER, 
	successful_landings_payload INTEGER, 
	failed_landings_payload INTEGER, 
	attempted_landings_payload INTEGER, 
	image_id INTEGER, 
	logo_id INTEGER, 
	social_logo_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_agency_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	CONSTRAINT fk_agency_social_logo_id FOREIGN KEY(social_logo_id) REFERENCES image (id), 
	CONSTRAINT fk_agency_logo_id FOREIGN KEY(logo_id) REFERENCES image (id)
);
CREATE INDEX ix_agency_name ON agency (name);
CREATE INDEX ix_agency_type ON agency (type);
CREATE INDEX ix_agency_country_code ON agency (country_code);
CREATE TABLE "event" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	slug VARCHAR, 
	name VARCHAR NOT NULL, 
	type_id INTEGER, 
	description VARCHAR, 
	webcast_live BOOLEAN, 
	location VARCHAR, 
	news_url VARCHAR, 
	video_url VARCHAR, 
	feature_image VARCHAR, 
	date DATETIME, 
	date_precision_id INTEGER, 
	duration VARCHAR, 
	last_updated DATETIME, 
	image_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_event_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	UNIQUE (slug), 
	FOREIGN KEY(type_id) REFERENCES event_type (id), 
	FOREIGN KEY(date_precision_id) REFERENCES date_precision (id)
);
CREATE INDEX ix_event_date_id ON event (date, id);
CREATE INDEX ix_event_name_id ON event (name, id);
CREATE INDEX ix_event_last_updated_id ON event (last_updated, id);
CREATE INDEX ix_event_type_id_date ON event (type_id, date, id);
CREATE TABLE "launch" (
	id VARCHAR(36) NOT NULL, 
	url VARCHAR, 
	launch_library_id INTEGER, 
	slug VARCHAR, 
	name VARCHAR NOT NULL, 
	status_id INTEGER, 
	last_updated DATETIME, 
	net DATETIME, 
	window_end DATETIME, 
	window_start DATETIME, 
	net_precision_id INTEGER, 
	probability INTEGER, 
	weather_concerns VARCHAR, 
	holdreason VARCHAR, 
	failreason VARCHAR, 
	hashtag VARCHAR, 
	launch_service_provider_id INTEGER, 
	rocket_id INTEGER, 
	mission_id INTEGER, 
	pad_id INTEGER, 
	webcast_live BOOLEAN, 
	image_url VARCHAR, 
	infographic VARCHAR, 
	type VARCHAR, 
	inhold BOOLEAN, 
	tbdtime BOOLEAN, 
	tbddate BOOLEAN, 
	orbital_launch_attempt_count INTEGER, 
	location_launch_attempt_count INTEGER, 
	pad_launch_attempt_count INTEGER, 
	agency_launch_attempt_count INTEGER, 
	orbital_launch_attempt_count_year INTEGER, 
	location_launch_attempt_count_year INTEGER, 
	pad_launch_attempt_count_year INTEGER, 
	agency_launch_attempt_count_year INTEGER, 
	image_id INTEGER, 
	launch_designator VARCHAR, 
	flightclub_url VARCHAR, 
	pad_turnaround VARCHAR, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_launch_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(rocket_id) REFERENCES rocket (id), 
	FOREIGN KEY(status_id) REFERENCES launch_status (id), 
	FOREIGN KEY(mission_id) REFERENCES mission (id), 
	FOREIGN KEY(pad_id) REFERENCES pad (id), 
	FOREIGN KEY(net_precision_id) REFERENCES date_precision (id), 
	FOREIGN KEY(launch_service_provider_id) REFERENCES agency (id)
);
CREATE INDEX ix_launch_launch_service_provider_id ON launch (launch_service_provider_id);
CREATE INDEX ix_launch_mission_id ON launch (mission_id);
CREATE INDEX ix_launch_slug ON launch (slug);
CREATE INDEX ix_launch_net_id ON launch (net, id);
CREATE INDEX ix_launch_rocket_id ON launch (rocket_id);
CREATE INDEX ix_launch_status_id ON launch (status_id);
CREATE INDEX ix_launch_pad_id ON launch (pad_id);
CREATE INDEX ix_launch_last_updated_id ON launch (last_updated, id);
CREATE INDEX ix_launch_name_id ON launch (name, id);
CREATE TABLE "launcher_config" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	launch_library_id INTEGER, 
	name VARCHAR NOT NULL, 
	family VARCHAR, 
	full_name VARCHAR, 
	variant VARCHAR, 
	alias VARCHAR, 
	description VARCHAR, 
	manufacturer_id INTEGER, 
	min_stage INTEGER, 
	max_stage INTEGER, 
	length FLOAT, 
	diameter FLOAT, 
	maiden_flight VARCHAR, 
	launch_mass FLOAT, 
	leo_capacity FLOAT, 
	gto_capacity FLOAT, 
	to_thrust FLOAT, 
	apogee FLOAT, 
	vehicle_range INTEGER, 
	image_url VARCHAR, 
	info_url VARCHAR, 
	wiki_url VARCHAR, 
	total_launch_count INTEGER, 
	consecutive_successful_launches INTEGER, 
	successful_launches INTEGER, 
	failed_launches INTEGER, 
	pending_launches INTEGER, 
	attempted_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, 
	consecutive_successful_landings INTEGER, 
	geo_capacity FLOAT, 
	sso_capacity FLOAT, 
	launch_cost VARCHAR, 
	active BOOLEAN, 
	reusable BOOLEAN, 
	is_placeholder BOOLEAN, 
	fastest_turnaround VARCHAR, 
	image_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_launcher_config_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(manufacturer_id) REFERENCES agency (id)
);
CREATE INDEX ix_launcher_config_manufacturer_id ON launcher_config (manufacturer_id);
CREATE INDEX ix_launcher_config_name ON launcher_config (name);
CREATE INDEX ix_launcher_config_family ON launcher_config (family);
CREATE TABLE "location" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR NOT NULL, 
	country_code VARCHAR, 
	description VARCHAR, 
	map_image VARCHAR, 
	timezone_name VARCHAR, 
	total_launch_count INTEGER, 
	total_landing_count INTEGER, 
	country_id INTEGER, 
	celestial_body_id INTEGER, 
	active BOOLEAN, 
	latitude VARCHAR, 
	longitude VARCHAR, 
	image_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_location_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	CONSTRAINT fk_location_celestial_body_id FOREIGN KEY(celestial_body_id) REFERENCES celestial_body (id), 
	CONSTRAINT fk_location_country_id FOREIGN KEY(country_id) REFERENCES country (id)
);
CREATE INDEX ix_location_name ON location (name);
CREATE INDEX ix_location_country_code ON location (country_code);
CREATE INDEX ix_location_country_id ON location (country_id);
CREATE TABLE "mission" (
	id INTEGER NOT NULL, 
	launch_library_id INTEGER, 
	name VARCHAR, 
	description VARCHAR, 
	launch_designator VARCHAR, 
	type VARCHAR, 
	orbit_id INTEGER, 
	image_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_mission_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(orbit_id) REFERENCES orbit (id)
);
CREATE INDEX ix_mission_orbit_id ON mission (orbit_id);
CREATE INDEX ix_mission_name ON mission (name);
CREATE INDEX ix_mission_type ON mission (type);
CREATE TABLE "orbit" (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	abbrev VARCHAR, 
	celestial_body_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_orbit_celestial_body_id FOREIGN KEY(celestial_body_id) REFERENCES celestial_body (id)
);
CREATE TABLE "pad" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	agency_id INTEGER, 
	name VARCHAR NOT NULL, 
	description VARCHAR, 
	info_url VARCHAR, 
	wiki_url VARCHAR, 
	map_url VARCHAR, 
	latitude VARCHAR, 
	longitude VARCHAR, 
	location_id INTEGER, 
	country_code VARCHAR, 
	map_image VARCHAR, 
	total_launch_count INTEGER, 
	orbital_launch_attempt_count INTEGER, 
	country_id INTEGER, 
	active BOOLEAN, 
	image_id INTEGER, 
	fastest_turnaround VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_pad_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	CONSTRAINT fk_pad_country_id FOREIGN KEY(country_id) REFERENCES country (id), 
	FOREIGN KEY(location_id) REFERENCES location (id)
);
CREATE INDEX ix_pad_location_id ON pad (location_id);
CREATE INDEX ix_pad_name ON pad (name);
CREATE INDEX ix_pad_country_code ON pad (country_code);
CREATE INDEX ix_pad_country_id ON pad (country_id);
CREATE TABLE "program" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR NOT NULL, 
	description VARCHAR, 
	image_url VARCHAR, 
	start_date DATETIME, 
	end_date DATETIME, 
	info_url VARCHAR, 
	wiki_url VARCHAR, 
	type_id INTEGER, 
	image_id INTEGER, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_program_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(type_id) REFERENCES program_type (id)
);
CREATE INDEX ix_program_type_id ON program (type_id);
CREATE INDEX ix_program_name ON program (name);
CREATE TABLE "spacestation" (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR NOT NULL, 
	status_id INTEGER, 
	founded DATE, 
	description VARCHAR, 
	orbit VARCHAR, 
	image_url VARCHAR, 
	image_id INTEGER, 
	deorbited DATE, 
	type_id INTEGER, 
	type_name VARCHAR, as_of DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_spacestation_image_id FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(status_id) REFERENCES spacestation_status (id)
);
CREATE INDEX ix_spacestation_name ON spacestation (name);
CREATE TABLE landing_type (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	abbrev VARCHAR, 
	description VARCHAR, 
	as_of DATETIME, 
	PRIMARY KEY (id)
);
CREATE TABLE launcher (
	attempted_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, 
	consecutive_successful_landings INTEGER, 
	url VARCHAR, 
	serial_number VARCHAR, 
	status_id INTEGER, 
	is_placeholder BOOLEAN, 
	fastest_turnaround VARCHAR, 
	image_id INTEGER, 
	id INTEGER NOT NULL, 
	status VARCHAR, 
	details VARCHAR, 
	flight_proven BOOLEAN, 
	image_url VARCHAR, 
	flights INTEGER, 
	last_launch_date DATETIME, 
	first_launch_date DATETIME, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES image (id)
);
CREATE INDEX ix_launcher_serial_number ON launcher (serial_number);
CREATE TABLE social_media (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	url VARCHAR, 
	logo_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(logo_id) REFERENCES image (id)
);
CREATE TABLE launcher_family_agency (
	launcher_family_id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (launcher_family_id, agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(launcher_family_id) REFERENCES launcher_family (id)
);
CREATE INDEX ix_launcher_family_agency_agency_id ON launcher_family_agency (agency_id);
CREATE TABLE payload (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	type_id INTEGER, 
	type_name VARCHAR, 
	manufacturer_id INTEGER, 
	operator_id INTEGER, 
	image_id INTEGER, 
	wiki_link VARCHAR, 
	info_link VARCHAR, 
	cost VARCHAR, 
	mass VARCHAR, 
	description VARCHAR, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(manufacturer_id) REFERENCES agency (id), 
	FOREIGN KEY(operator_id) REFERENCES agency (id)
);
CREATE INDEX ix_payload_name ON payload (name);
CREATE TABLE social_media_link (
	id INTEGER NOT NULL, 
	social_media_id INTEGER, 
	url VARCHAR, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(social_media_id) REFERENCES social_media (id)
);
CREATE TABLE spacecraft_config (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	name VARCHAR, 
	type_id INTEGER, 
	type_name VARCHAR, 
	agency_id INTEGER, 
	in_use BOOLEAN, 
	capability VARCHAR, 
	history VARCHAR, 
	details VARCHAR, 
	maiden_flight DATE, 
	height FLOAT, 
	diameter FLOAT, 
	human_rated BOOLEAN, 
	crew_capacity INTEGER, 
	payload_capacity INTEGER, 
	flight_life VARCHAR, 
	image_url VARCHAR, 
	image_id INTEGER, 
	nation_url VARCHAR, 
	wiki_link VARCHAR, 
	info_link VARCHAR, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(image_id) REFERENCES image (id)
);
CREATE TABLE agency_social_media_link (
	agency_id INTEGER NOT NULL, 
	social_media_link_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (agency_id, social_media_link_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(social_media_link_id) REFERENCES social_media_link (id)
);
CREATE INDEX ix_agency_social_media_link_social_media_link_id ON agency_social_media_link (social_media_link_id);
CREATE TABLE astronaut_flight (
	id INTEGER NOT NULL, 
	role VARCHAR, 
	role_id INTEGER, 
	role_priority INTEGER, 
	astronaut_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(astronaut_id) REFERENCES astronaut (id)
);
CREATE INDEX ix_astronaut_flight_astronaut_id ON astronaut_flight (astronaut_id);
CREATE TABLE landing_location (
	attempted_landings INTEGER, 
	successful_landings INTEGER, 
	failed_landings INTEGER, 
	consecutive_successful_landings INTEGER, 
	latitude VARCHAR, 
	longitude VARCHAR, 
	country_code VARCHAR, 
	country_id INTEGER, 
	active BOOLEAN, 
	image_id INTEGER, 
	id INTEGER NOT NULL, 
	name VARCHAR, 
	abbrev VARCHAR, 
	description VARCHAR, 
	location_id INTEGER, 
	celestial_body_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(celestial_body_id) REFERENCES celestial_body (id), 
	FOREIGN KEY(country_id) REFERENCES country (id), 
	FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(location_id) REFERENCES location (id)
);
CREATE INDEX ix_landing_location_country_code ON landing_location (country_code);
CREATE INDEX ix_landing_location_country_id ON landing_location (country_id);
CREATE TABLE payload_program (
	payload_id INTEGER NOT NULL, 
	program_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (payload_id, program_id), 
	FOREIGN KEY(payload_id) REFERENCES payload (id), 
	FOREIGN KEY(program_id) REFERENCES program (id)
);
CREATE INDEX ix_payload_program_program_id ON payload_program (program_id);
CREATE TABLE spacecraft (
	url VARCHAR, 
	serial_number VARCHAR, 
	status_id INTEGER, 
	is_placeholder BOOLEAN, 
	fastest_turnaround VARCHAR, 
	image_id INTEGER, 
	id INTEGER NOT NULL, 
	name VARCHAR, 
	status_name VARCHAR, 
	description VARCHAR, 
	spacecraft_config_id INTEGER, 
	in_space BOOLEAN, 
	time_in_space VARCHAR, 
	time_docked VARCHAR, 
	flights_count INTEGER, 
	mission_ends_count INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(image_id) REFERENCES image (id), 
	FOREIGN KEY(spacecraft_config_id) REFERENCES spacecraft_config (id)
);
CREATE INDEX ix_spacecraft_serial_number ON spacecraft (serial_number);
CREATE TABLE landing (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	attempt BOOLEAN, 
	success BOOLEAN, 
	description VARCHAR, 
	downrange_distance FLOAT, 
	landing_location_id INTEGER, 
	type_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(landing_location_id) REFERENCES landing_location (id), 
	FOREIGN KEY(type_id) REFERENCES landing_type (id)
);
CREATE TABLE launcher_stage (
	id INTEGER NOT NULL, 
	type VARCHAR, 
	reused BOOLEAN, 
	launcher_flight_number INTEGER, 
	launcher_id INTEGER, 
	landing_id INTEGER, 
	previous_flight_date DATETIME, 
	turn_around_time_days INTEGER, 
	turn_around_time VARCHAR, 
	previous_flight_id VARCHAR, 
	previous_flight_name VARCHAR, 
	previous_flight_url VARCHAR, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(landing_id) REFERENCES landing (id), 
	FOREIGN KEY(launcher_id) REFERENCES launcher (id)
);
CREATE INDEX ix_launcher_stage_launcher_id ON launcher_stage (launcher_id);
CREATE TABLE payload_flight (
	url VARCHAR, 
	destination VARCHAR, 
	landing_id INTEGER, 
	id INTEGER NOT NULL, 
	amount INTEGER, 
	payload_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(landing_id) REFERENCES landing (id), 
	FOREIGN KEY(payload_id) REFERENCES payload (id)
);
CREATE INDEX ix_payload_flight_payload_id ON payload_flight (payload_id);
CREATE TABLE spacecraft_flight (
	url VARCHAR, 
	destination VARCHAR, 
	landing_id INTEGER, 
	id INTEGER NOT NULL, 
	mission_end DATETIME, 
	duration VARCHAR, 
	turn_around_time VARCHAR, 
	spacecraft_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(landing_id) REFERENCES landing (id), 
	FOREIGN KEY(spacecraft_id) REFERENCES spacecraft (id)
);
CREATE INDEX ix_spacecraft_flight_spacecraft_id ON spacecraft_flight (spacecraft_id);
CREATE TABLE landing_crew (
	spacecraft_flight_id INTEGER NOT NULL, 
	astronaut_flight_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (spacecraft_flight_id, astronaut_flight_id), 
	FOREIGN KEY(astronaut_flight_id) REFERENCES astronaut_flight (id), 
	FOREIGN KEY(spacecraft_flight_id) REFERENCES spacecraft_flight (id)
);
CREATE INDEX ix_landing_crew_astronaut_flight_id ON landing_crew (astronaut_flight_id);
CREATE TABLE launch_crew (
	spacecraft_flight_id INTEGER NOT NULL, 
	astronaut_flight_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (spacecraft_flight_id, astronaut_flight_id), 
	FOREIGN KEY(astronaut_flight_id) REFERENCES astronaut_flight (id), 
	FOREIGN KEY(spacecraft_flight_id) REFERENCES spacecraft_flight (id)
);
CREATE INDEX ix_launch_crew_astronaut_flight_id ON launch_crew (astronaut_flight_id);
CREATE TABLE onboard_crew (
	spacecraft_flight_id INTEGER NOT NULL, 
	astronaut_flight_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (spacecraft_flight_id, astronaut_flight_id), 
	FOREIGN KEY(astronaut_flight_id) REFERENCES astronaut_flight (id), 
	FOREIGN KEY(spacecraft_flight_id) REFERENCES spacecraft_flight (id)
);
CREATE INDEX ix_onboard_crew_astronaut_flight_id ON onboard_crew (astronaut_flight_id);
CREATE TABLE rocket_launcher_stage (
	rocket_id INTEGER NOT NULL, 
	launcher_stage_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (rocket_id, launcher_stage_id), 
	FOREIGN KEY(launcher_stage_id) REFERENCES launcher_stage (id), 
	FOREIGN KEY(rocket_id) REFERENCES rocket (id)
);
CREATE INDEX ix_rocket_launcher_stage_launcher_stage_id ON rocket_launcher_stage (launcher_stage_id);
CREATE TABLE rocket_payload_flight (
	rocket_id INTEGER NOT NULL, 
	payload_flight_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (rocket_id, payload_flight_id), 
	FOREIGN KEY(payload_flight_id) REFERENCES payload_flight (id), 
	FOREIGN KEY(rocket_id) REFERENCES rocket (id)
);
CREATE INDEX ix_rocket_payload_flight_payload_flight_id ON rocket_payload_flight (payload_flight_id);
CREATE TABLE rocket_spacecraft_flight (
	rocket_id INTEGER NOT NULL, 
	spacecraft_flight_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (rocket_id, spacecraft_flight_id), 
	FOREIGN KEY(rocket_id) REFERENCES rocket (id), 
	FOREIGN KEY(spacecraft_flight_id) REFERENCES spacecraft_flight (id)
);
CREATE INDEX ix_rocket_spacecraft_flight_spacecraft_flight_id ON rocket_spacecraft_flight (spacecraft_flight_id);
CREATE INDEX ix_launcher_family_parent_id ON launcher_family (parent_id);
CREATE TABLE docking_location (
	id INTEGER NOT NULL, 
	name VARCHAR, 
	spacestation_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(spacestation_id) REFERENCES spacestation (id)
);
CREATE TABLE docking_event (
	id INTEGER NOT NULL, 
	url VARCHAR, 
	docking DATETIME, 
	departure DATETIME, 
	docking_location_id INTEGER, 
	space_station_target_id INTEGER, 
	as_of DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(docking_location_id) REFERENCES docking_location (id), 
	FOREIGN KEY(space_station_target_id) REFERENCES spacestation (id)
);
CREATE TABLE payload_flight_docking_event (
	payload_flight_id INTEGER NOT NULL, 
	docking_event_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (payload_flight_id, docking_event_id), 
	FOREIGN KEY(docking_event_id) REFERENCES docking_event (id), 
	FOREIGN KEY(payload_flight_id) REFERENCES payload_flight (id)
);
CREATE INDEX ix_payload_flight_docking_event_docking_event_id ON payload_flight_docking_event (docking_event_id);
CREATE TABLE spacecraft_flight_docking_event (
	spacecraft_flight_id INTEGER NOT NULL, 
	docking_event_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (spacecraft_flight_id, docking_event_id), 
	FOREIGN KEY(docking_event_id) REFERENCES docking_event (id), 
	FOREIGN KEY(spacecraft_flight_id) REFERENCES spacecraft_flight (id)
);
CREATE INDEX ix_spacecraft_flight_docking_event_docking_event_id ON spacecraft_flight_docking_event (docking_event_id);
INSERT INTO alembic_version (version_num) VALUES ('0007');
